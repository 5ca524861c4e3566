import { describe, expect, it } from 'vitest';
import { ApiError, type Backend } from '../backend';
import type { EditResult, RuleResult } from '../api';
import { BoardController } from './board.svelte';
import { metrics, overview, person } from './test-fixtures';

/** A backend that answers from a table and records the calls. */
function fakeBackend(answers: Record<string, (args: any) => unknown>) {
  const calls: [string, any][] = [];
  const backend: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      calls.push([method, args]);
      const answer = answers[method];
      if (!answer) throw new ApiError('unknown_method', method);
      return answer(args) as any;
    },
  };
  return { backend, calls };
}

function edit(share: number, extra: Partial<EditResult> = {}): EditResult {
  return { metrics: metrics(share), rules: [], can_undo: true, can_redo: false, revision: 1, undo_label: 'x', redo_label: null, changed: [], structure_changed: false, exclusions_changed: false, community_changed: false, ...extra };
}

/** A failed rule result as the API answers it. */
function failing(rule_id: string): RuleResult {
  return { rule_id, passed: false, units: [], people: [] } as unknown as RuleResult;
}

const base = {
  overview: () => overview,
  people: () => [person('P1'), person('P2'), person('P3', { unit: 'n-st' })],
  edit_state: () => edit(0.1, { can_undo: false, revision: 0 }),
};

describe('BoardController', () => {
  it('loads the rule results with the edit state, in no call of their own', async () => {
    const { backend, calls } = fakeBackend({ ...base, edit_state: () => edit(0.1, { revision: 0, rules: [failing('r-load')] }) });
    const b = new BoardController(backend);
    await b.load();
    expect(b.error).toBeNull();
    expect(b.rules?.map((r) => r.rule_id)).toEqual(['r-load']);
    expect(calls.some(([m]) => m === 'rule_results')).toBe(false);
    expect(b.metrics?.station_share).toBe(0.1);
    expect(b.groups.byUnit.get('n-dept')?.length).toBe(2);
  });

  it('moves the selection, pinned, and applies what the API answers', async () => {
    const { backend, calls } = fakeBackend({
      ...base,
      move_people: () =>
        edit(0.5, {
          rules: [failing('r-moved')],
          changed: [
            { police_number: 'P1', unit: 'n-st', pinned: true, moved: true, community_role: false, community_eligible: true, community_pinned: false },
            { police_number: 'P2', unit: 'n-st', pinned: true, moved: true, community_role: false, community_eligible: true, community_pinned: false },
          ],
        }),
    });
    const b = new BoardController(backend);
    await b.load();
    b.toggleSelected('P1', false);
    b.toggleSelected('P2', true);
    expect(b.dragSet('P1')).toEqual(['P1', 'P2']);
    expect(b.dragSet('P3')).toEqual(['P3']);
    expect(await b.move('n-st')).toBe(true);
    expect(calls.find(([m]) => m === 'move_people')?.[1]).toEqual({ police_numbers: ['P1', 'P2'], to: 'n-st', pin: true, scenario_id: 1 });
    expect(b.metrics?.station_share).toBe(0.5);
    expect(b.edit.can_undo).toBe(true);
    expect(b.selected.size).toBe(0);
    expect(b.person('P1')).toMatchObject({ unit: 'n-st', pinned: true, moved: true, community_role: false });
    expect(b.groups.byUnit.get('n-st')?.map((p) => p.police_number)).toEqual(['P1', 'P2', 'P3']);
    expect(b.lastEditMs).not.toBeNull();
    // The rule list comes with the move: one round trip per edit.
    expect(b.rules?.map((r) => r.rule_id)).toEqual(['r-moved']);
    expect(calls.some(([m]) => m === 'rule_results')).toBe(false);
    // Moving people to where they already are asks nothing of the API.
    expect(await b.move('n-st', ['P3'])).toBe(false);
  });

  it('keeps the screen unchanged and shows the error code when an edit is refused', async () => {
    const { backend } = fakeBackend({
      ...base,
      move_people: () => {
        throw new ApiError('bad_request', 'unknown unit "zz"');
      },
    });
    const b = new BoardController(backend);
    await b.load();
    expect(await b.move('zz', ['P1'])).toBe(false);
    expect(b.error?.code).toBe('bad_request');
    expect(b.person('P1')?.unit).toBe('n-dept');
    expect(b.metrics?.station_share).toBe(0.1);
  });

  it('undoes and redoes only when the API says it can', async () => {
    const { backend, calls } = fakeBackend({
      ...base,
      undo: () => edit(0.1, { can_undo: false, can_redo: true, revision: 2, changed: [{ police_number: 'P1', unit: 'n-dept', pinned: false, moved: false, community_role: false, community_eligible: true, community_pinned: false }] }),
    });
    const b = new BoardController(backend);
    await b.load();
    expect(await b.undo()).toBe(false);
    expect(calls.some(([m]) => m === 'undo')).toBe(false);
    b.edit = { ...b.edit, can_undo: true };
    expect(await b.undo()).toBe(true);
    expect(b.edit).toMatchObject({ can_undo: false, can_redo: true, revision: 2 });
  });

  it('highlights a rule and clears it on a second click', () => {
    const b = new BoardController(fakeBackend(base).backend);
    const rule = { rule_id: 'r', units: ['n-st'], people: ['P1'] } as never;
    b.showRule(rule);
    expect(b.highlight?.units.has('n-st')).toBe(true);
    expect(b.highlight?.people.has('P1')).toBe(true);
    b.showRule(rule);
    expect(b.highlight).toBeNull();
  });

  it('asks before a drop takes a unit head out of the department, and moves only once confirmed', async () => {
    const { backend, calls } = fakeBackend({
      ...base,
      people: () => [person('H1', { post: 'head' }), person('P2'), person('S1', { unit: 'n-st', post: 'head' })],
      rule_results: () => [],
      move_people: () => edit(0.5),
    });
    const b = new BoardController(backend);
    await b.load();
    expect(await b.drop('n-st', ['H1'])).toBe(false);
    expect(b.pendingDrop?.cadres.map((c) => c.person.police_number)).toEqual(['H1']);
    expect(b.pendingDrop?.overflows).toEqual([{ post: 'head', after: 2, limit: 1 }]);
    expect(calls.some(([m]) => m === 'move_people')).toBe(false);
    b.cancelDrop();
    expect(b.pendingDrop).toBeNull();
    await b.drop('n-st', ['H1']);
    expect(await b.confirmDrop()).toBe(true);
    expect(calls.filter(([m]) => m === 'move_people')).toEqual([['move_people', { police_numbers: ['H1'], to: 'n-st', pin: true, scenario_id: overview.scenario.id }]]);
    // Someone without a post moves at once.
    await b.drop('n-st', ['P2']);
    expect(b.pendingDrop).toBeNull();
    expect(calls.filter(([m]) => m === 'move_people')).toHaveLength(2);
  });

  it('sets exclusions as one step and reads the people again', async () => {
    let excluded = false;
    const { backend, calls } = fakeBackend({
      ...base,
      rule_results: () => [],
      people: () => [person('P1', { excluded_grassroots: excluded }), person('P2'), person('P3', { unit: 'n-st' })],
      set_exclusions: () => {
        excluded = true;
        return edit(0.1, { exclusions_changed: true, undo_label: 'exclusions P1' });
      },
    });
    const b = new BoardController(backend);
    await b.load();
    expect(await b.setExclusions('P1', [], true)).toBe(true);
    expect(calls.find(([m]) => m === 'set_exclusions')?.[1]).toEqual({
      police_number: 'P1',
      units: [],
      grassroots: true,
      scenario_id: overview.scenario.id,
    });
    expect(b.person('P1')?.excluded_grassroots).toBe(true);
    expect(b.edit.undo_label).toBe('exclusions P1');
  });

  it('gives a community post as one step in one call, shows it and updates the gauge from the answer', async () => {
    const { backend, calls } = fakeBackend({
      ...base,
      people: () => [person('P1', { unit: 'n-st' }), person('P2'), person('P3', { unit: 'n-st' })],
      set_community_role: () =>
        edit(0.5, {
          community_changed: true,
          undo_label: '社区民警 P1',
          changed: [
            { police_number: 'P1', unit: 'n-st', pinned: false, moved: true, community_role: true, community_eligible: true, community_pinned: false },
          ],
        }),
    });
    const b = new BoardController(backend);
    await b.load();
    expect(b.person('P1')?.community_role).toBe(false);
    const before = calls.length;
    expect(await b.setCommunityRole('P1', { holds: true })).toBe(true);
    expect(calls.slice(before).map(([m]) => m)).toEqual(['set_community_role']);
    expect(calls[before][1]).toEqual({
      police_number: 'P1',
      holds: true,
      scenario_id: overview.scenario.id,
    });
    expect(b.person('P1')?.community_role).toBe(true);
    expect(b.metrics?.station_share).toBe(0.5);
    expect(b.edit.undo_label).toBe('社区民警 P1');
  });

  it('an eligibility change answers everyone it changed, in the one call', async () => {
    const { backend, calls } = fakeBackend({
      ...base,
      people: () => [person('P1', { unit: 'n-st', community_role: true, community_pinned: true }), person('P2'), person('P3', { unit: 'n-st' })],
      set_community_eligibility: () =>
        edit(0.2, {
          community_changed: true,
          changed: [
            { police_number: 'P1', unit: 'n-st', pinned: false, moved: true, community_role: false, community_eligible: false, community_pinned: true },
          ],
        }),
    });
    const b = new BoardController(backend);
    await b.load();
    const before = calls.length;
    expect(await b.setCommunityEligibility(40)).toBe(true);
    expect(calls.slice(before).map(([m]) => m)).toEqual(['set_community_eligibility']);
    expect(b.person('P1')).toMatchObject({ community_role: false, community_eligible: false, community_pinned: true });
    expect(b.person('P2')?.community_eligible).toBe(true);
  });
});
