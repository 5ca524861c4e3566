import { describe, expect, it } from 'vitest';
import { StructureIndex } from './model';
import { headDropWarning } from './head-drop';
import { person, unit } from './test-fixtures';

const units = [
  unit('inv', { head_posts: 1, deputy_posts: 1 }),
  unit('inv-room', { parent: 'inv', kind: 'sub_unit', head_posts: 0, deputy_posts: 0 }),
  unit('cmd', { head_posts: 1, deputy_posts: 2 }),
  unit('st', { kind: 'police_station', tier: 'grassroots', head_posts: 1, deputy_posts: 1 }),
];
const index = new StructureIndex(units, [{ from: 'o-inv', to: ['inv'] }]);
const byId = new Map(units.map((u) => [u.id, u]));

describe('head-drop warning', () => {
  const head = person('1', { post: 'head', unit: 'inv', old_unit: 'o-inv' });
  const cmdHead = person('2', { post: 'head', unit: 'cmd' });
  const plain = person('3', { unit: 'inv' });
  const people = [head, cmdHead, plain];

  it('warns when a unit head leaves the department, naming the broken posts limit', () => {
    const w = headDropWarning([head], byId.get('cmd')!, people, index);
    expect(w?.cadres.map((c) => [c.person.police_number, c.post, c.leaves])).toEqual([['1', 'head', 'inv']]);
    expect(w?.overflows).toEqual([{ post: 'head', after: 2, limit: 1 }]);
  });

  it('warns without an overflow when the destination has a free post', () => {
    const w = headDropWarning([head], byId.get('st')!, people, index);
    expect(w?.cadres).toHaveLength(1);
    expect(w?.overflows).toEqual([]);
  });

  it('says nothing for a move inside the department or for people without a post', () => {
    expect(headDropWarning([head], byId.get('inv-room')!, people, index)).toBeNull();
    expect(headDropWarning([plain], byId.get('cmd')!, people, index)).toBeNull();
  });

  it('judges an unplaced cadre by the merge map of their old unit', () => {
    const waiting = person('4', { post: 'deputy', unit: null, old_unit: 'o-inv' });
    expect(headDropWarning([waiting], byId.get('inv')!, people, index)).toBeNull();
    expect(headDropWarning([waiting], byId.get('cmd')!, people, index)?.cadres[0].leaves).toBe('o-inv');
  });
});
