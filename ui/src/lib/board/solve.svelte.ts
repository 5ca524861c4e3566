// Owns one background solve: starts it (plan or repair), polls its progress, cancels it, and
// turns the result into a change list the planner accepts in full or in part; renders nothing.
import { SvelteSet } from 'svelte/reactivity';
import { ApiError, type Backend } from '../backend';
import type { SolveOutcome } from '../api';
import { cancelJob, realSleep, runJob, type Job, type Sleep } from './job';
import type { BoardController } from './board.svelte';
import { changeList, type ChangeRow } from './model';
import { WeightsController } from './weights.svelte';

export type { Sleep } from './job';

export class SolveController {
  job = $state.raw<Job<SolveOutcome> | null>(null);
  mode = $state<'plan' | 'repair'>('plan');
  error = $state.raw<ApiError | null>(null);
  /** Police numbers of the change rows the planner keeps ticked. */
  checked = new SvelteSet<string>();
  dismissed = $state(false);

  running = $derived(this.job?.state === 'running');
  outcome = $derived(this.job?.state === 'done' ? this.job.result : null);
  infeasible = $derived(this.outcome?.status === 'infeasible');
  changes = $derived.by((): Map<string, ChangeRow[]> => {
    const o = this.outcome;
    const index = this.board.index;
    if (!o || this.infeasible || !index) return new Map();
    const reasons = new Map(o.moves.map((m) => [m.police_number, m.reason]));
    const changes = changeList(this.board.people, o.assignment, index);
    for (const rows of changes.values()) {
      for (const r of rows) r.reason = reasons.get(r.police_number) ?? 'function_transfer';
    }
    return changes;
  });
  rows = $derived([...this.changes.values()].flat());
  /** People adjusted as the core counts them (the gauge's and the documents' figure), and the
   *  moves inside a merge-map destination it leaves out; the change list compares with the
   *  draft instead, so it can hold more rows. */
  adjusted = $derived(this.outcome?.metrics?.moved ?? this.rows.length);
  within = $derived(this.outcome?.metrics?.moved_within ?? 0);

  /** The solve settings dialog (求解设置) of the board's scenario. */
  readonly settings: WeightsController;

  constructor(
    private readonly backend: Backend,
    private readonly board: BoardController,
    private readonly sleep: Sleep = realSleep,
    private readonly pollMs = 400,
  ) {
    this.settings = new WeightsController(backend, board);
  }

  async start(mode: 'plan' | 'repair'): Promise<void> {
    if (this.running) return;
    this.mode = mode;
    this.error = null;
    this.dismissed = false;
    this.checked.clear();
    try {
      const start = () => this.backend.call('solve_start', this.board.scoped({ mode }));
      const last = await runJob<SolveOutcome>(this.backend, this, 'solve', start, { sleep: this.sleep, pollMs: this.pollMs });
      // Everything ticked by default: accepting in full is the common case.
      if (last) for (const r of this.rows) this.checked.add(r.police_number);
    } catch (e) {
      this.error = ApiError.from(e);
      this.job = null;
    }
  }

  cancel(): Promise<void> {
    return cancelJob(this.backend, this);
  }

  toggle(police_number: string): void {
    if (this.checked.has(police_number)) this.checked.delete(police_number);
    else this.checked.add(police_number);
  }

  setGroup(group: string, on: boolean): void {
    for (const r of this.changes.get(group) ?? []) {
      if (on) this.checked.add(r.police_number);
      else this.checked.delete(r.police_number);
    }
  }

  /** Accepts the ticked rows (or all) as one undoable step, then closes the result. */
  async accept(label: string, all = false): Promise<boolean> {
    const rows = all ? this.rows : this.rows.filter((r) => this.checked.has(r.police_number));
    const ok = await this.board.applyChanges(
      rows.map((r) => ({ police_number: r.police_number, to: r.to })),
      label,
      true,
      this.outcome?.community ?? null,
    );
    if (ok) this.dismiss();
    return ok;
  }

  dismiss(): void {
    this.dismissed = true;
    this.job = null;
    this.checked.clear();
  }
}
