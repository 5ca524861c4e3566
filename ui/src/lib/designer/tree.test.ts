import { describe, expect, it } from 'vitest';
import type { Unit } from '../api';
import {
  assignStep,
  findingLine,
  freshName,
  moveStep,
  nestStep,
  stepSubject,
  subtree,
  treeRows,
  unassignStep,
  unmappedOldUnits,
} from './tree';

const unit = (id: string, name: string, parent?: string): Unit => ({
  id,
  name,
  kind: parent ? 'sub_unit' : 'department',
  tier: 'office',
  parent,
  officer_establishment: 0,
  auxiliary_establishment: 0,
  head_posts: 0,
  deputy_posts: 0,
  operation: 'physical',
});

// Sub-units listed before their parent: the tree puts them under it all the same.
const units = [unit('b1', '刑侦一中队', 'b'), unit('a', '指挥中心'), unit('b', '刑侦大队'), unit('b2', '刑侦二中队', 'b'), unit('c', '派出所')];

describe('treeRows', () => {
  it('orders each parent before its sub-units with depth and sibling positions', () => {
    const rows = treeRows(units);
    expect(rows.map((r) => [r.unit.id, r.depth, r.position, r.siblings])).toEqual([
      ['a', 0, 0, 3],
      ['b', 0, 1, 3],
      ['b1', 1, 0, 2],
      ['b2', 1, 1, 2],
      ['c', 0, 2, 3],
    ]);
  });
});

describe('keyboard steps', () => {
  const rows = treeRows(units);
  it('moves a unit among its siblings and stops at either end', () => {
    expect(moveStep(rows, 'b2', -1)).toEqual({ op: 'move_unit', unit: 'b2', parent: 'b', index: 0 });
    expect(moveStep(rows, 'b1', -1)).toBeNull();
    expect(moveStep(rows, 'c', 1)).toBeNull();
    expect(moveStep(rows, 'a', 1)).toEqual({ op: 'move_unit', unit: 'a', parent: undefined, index: 1 });
  });
  it('indents under the sibling above and outdents after the parent', () => {
    expect(nestStep(rows, 'c', 'in')).toEqual({ op: 'move_unit', unit: 'c', parent: 'b', index: Number.MAX_SAFE_INTEGER });
    expect(nestStep(rows, 'a', 'in')).toBeNull();
    expect(nestStep(rows, 'b1', 'out')).toEqual({ op: 'move_unit', unit: 'b1', parent: undefined, index: 2 });
    expect(nestStep(rows, 'a', 'out')).toBeNull();
  });
});

describe('the merge map', () => {
  const map = [{ from: 'o1', to: ['a'] }];
  it('adds a destination once and removes it', () => {
    expect(assignStep(map, 'o1', 'b')).toEqual({ op: 'map_old_unit', old_unit: 'o1', to: ['a', 'b'] });
    expect(assignStep(map, 'o1', 'a')).toBeNull();
    expect(assignStep(map, 'o2', 'c')).toEqual({ op: 'map_old_unit', old_unit: 'o2', to: ['c'] });
    expect(unassignStep(map, 'o1', 'a')).toEqual({ op: 'map_old_unit', old_unit: 'o1', to: [] });
  });
  it('marks unmapped old units; a sub-unit follows its parent', () => {
    const old = [unit('o1', '刑侦大队'), unit('o1a', '技术中队', 'o1'), unit('o2', '治安大队'), unit('o3', '交警大队'), unit('o3a', '一中队', 'o3')];
    expect([...unmappedOldUnits(old, [...map, { from: 'o2', to: [] }])]).toEqual(['o2', 'o3', 'o3a']);
  });
});

describe('names and subjects', () => {
  it('finds a fresh name among the siblings only', () => {
    const us = [unit('x', '新部门'), unit('y', '新部门 2'), unit('z', '新部门', 'x')];
    expect(freshName(us, undefined, '新部门')).toBe('新部门 3');
    expect(freshName(us, 'y', '新部门')).toBe('新部门');
  });
  it('names the unit and field a step is about', () => {
    const old = [unit('o1', '刑侦大队')];
    expect(stepSubject({ op: 'set_number', unit: 'b', field: 'head_posts', value: -1 }, units, old)).toEqual({ unit: '刑侦大队', field: 'head_posts' });
    expect(stepSubject({ op: 'map_old_unit', old_unit: 'o1', to: ['gone'] }, units, old)).toEqual({ unit: '刑侦大队', field: 'to' });
    expect(stepSubject({ op: 'rename_unit', unit: 'a', name: '' }, units, old)).toEqual({ unit: '指挥中心', field: 'name' });
    expect(stepSubject({ op: 'set_structure_name', name: '' }, units, old)).toEqual({ unit: null, field: 'structure_name' });
  });
  it('takes a unit with everything below it', () => {
    expect([...subtree(units, 'b')].sort()).toEqual(['b', 'b1', 'b2']);
  });
});

describe('findings', () => {
  it('link to the unit they are about', () => {
    expect(findingLine({ code: 'unmapped_old_unit', unit: 'o1', name: '刑侦大队' })).toEqual({
      key: 'designer.finding.unmapped_old_unit',
      params: { name: '刑侦大队' },
      target: { id: 'o1', old: true },
    });
    expect(findingLine({ code: 'sub_units_exceed_department', unit: 'b', name: '刑侦大队', sub_units: 30, department: 25 }).target).toEqual({ id: 'b', old: false });
    expect(findingLine({ code: 'posts_reduced', before: 40, after: 30 }).target).toBeNull();
  });
});
