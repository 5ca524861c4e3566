import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import type { EditResult, SolveOutcome } from '../api';
import type { Job } from './job';
import { BoardController } from './board.svelte';
import { SolveController } from './solve.svelte';
import { metrics, overview, person } from './test-fixtures';

function outcome(extra: Partial<SolveOutcome> = {}): SolveOutcome {
  return { status: 'optimal', objective: 1, assignment: { P1: 'n-st', P2: 'n-room', P3: 'n-st' }, community: { roles: { P1: true } }, moves: [], metrics: null, violations: [], diagnosis: [], build_seconds: 0, solve_seconds: 0, variables: 0, rows: 0, ...extra };
}

function setup(statuses: Partial<Job<SolveOutcome>>[]) {
  const calls: [string, any][] = [];
  let polls = 0;
  let cancelled = false;
  const edit: EditResult = { metrics: metrics(0), rules: [], can_undo: false, can_redo: false, revision: 0, undo_label: null, redo_label: null, changed: [], structure_changed: false, exclusions_changed: false, community_changed: false };
  const answers: Record<string, (a: any) => unknown> = {
    overview: () => overview,
    people: () => [person('P1'), person('P2'), person('P3', { unit: 'n-st' })],
    edit_state: () => edit,
    rule_results: () => [],
    solve_start: () => ({ job_id: 7 }),
    job_status: () => ({
      job_id: 7,
      kind: 'solve',
      elapsed_seconds: polls,
      progress: null,
      result: null,
      error: null,
      ...statuses[Math.min(polls++, statuses.length - 1)],
      ...(cancelled ? { state: 'cancelled' } : {}),
    }),
    job_cancel: () => (cancelled = true) && ({ job_id: 7, kind: 'solve', state: 'cancelled', elapsed_seconds: 1, progress: null, result: null, error: null }),
    apply_changes: () => ({ ...edit, can_undo: true, revision: 1 }),
  };
  const backend: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      calls.push([method, args]);
      return answers[method](args) as any;
    },
  };
  const board = new BoardController(backend);
  const solve = new SolveController(backend, board, () => new Promise((r) => setTimeout(r, 1)), 0);
  return { board, solve, calls };
}

describe('SolveController', () => {
  it("counts people adjusted as the core does, not the change list's rows", async () => {
    const m = { ...metrics(0), moved: 1, moved_within: 1 };
    const { board, solve } = setup([{ state: 'done', result: outcome({ metrics: m }) }]);
    await board.load();
    await solve.start('plan');
    // P2 goes to another room of the department its old unit merges into: listed, not counted.
    expect(solve.rows.map((r) => r.police_number)).toEqual(['P1', 'P2']);
    expect([solve.adjusted, solve.within]).toEqual([1, 1]);
  });

  it('polls until done, lists the changes by department, and accepts a part as one step', async () => {
    const { board, solve, calls } = setup([{ state: 'running' }, { state: 'done', result: outcome() }]);
    await board.load();
    await solve.start('repair');
    expect(calls.find(([m]) => m === 'solve_start')?.[1]).toEqual({ mode: 'repair', scenario_id: 1 });
    expect(calls.filter(([m]) => m === 'job_status').length).toBe(2);
    expect(solve.rows.map((r) => r.police_number)).toEqual(['P1', 'P2']);
    expect([...solve.changes.keys()]).toEqual(['n-st', 'n-dept']);
    expect(solve.checked.size).toBe(2);
    expect([solve.adjusted, solve.within]).toEqual([2, 0]);
    solve.toggle('P2');
    expect(await solve.accept('accept 1')).toBe(true);
    expect(calls.find(([m]) => m === 'apply_changes')?.[1]).toEqual({
      changes: [{ police_number: 'P1', to: 'n-st' }],
      label: 'accept 1',
      from_solve: true,
      community: { roles: { P1: true } },
      scenario_id: 1,
    });
    expect(solve.job).toBeNull();
    expect(board.edit.can_undo).toBe(true);
  });

  it('shows the diagnosis of an infeasible result and offers no changes', async () => {
    const diagnosis = [{ rule_id: 'station_share', units: [], shortfall: 6, message_zh: '还差 6 人', message_en: '6 short' }];
    const { board, solve } = setup([{ state: 'done', result: outcome({ status: 'infeasible', diagnosis }) }]);
    await board.load();
    await solve.start('plan');
    expect(solve.infeasible).toBe(true);
    expect(solve.outcome?.diagnosis[0].message_zh).toBe('还差 6 人');
    expect(solve.rows).toEqual([]);
  });

  it('cancels a running job', async () => {
    const { board, solve, calls } = setup([{ state: 'running' }]);
    await board.load();
    const started = solve.start('plan');
    await new Promise((r) => setTimeout(r, 5));
    await solve.cancel();
    await started;
    expect(calls.some(([m]) => m === 'job_cancel')).toBe(true);
    expect(solve.job?.state).toBe('cancelled');
    expect(solve.running).toBe(false);
  });
});
