// Owns one trade-off sweep (moves needed vs the station share required): a coarse background
// job finds the feasible range, a fine one steps through it (`sweep.ts`); polls progress,
// cancels, and keeps the points; renders nothing.
import { ApiError, type Backend } from '../backend';
import type { Tradeoff } from '../api';
import { cancelJob, realSleep, runJob, type Job, type Sleep } from './job';
import { coarseSweep, fineSweep, type SweepRange } from './sweep';

export class TradeoffController {
  job = $state.raw<Job<Tradeoff> | null>(null);
  error = $state.raw<ApiError | null>(null);
  /** 1 while the coarse pass runs, 2 during the fine one. */
  pass = $state<1 | 2>(1);
  /** The step of the sweep shown (the fine one when there was a range to refine). */
  step = $state<number | null>(null);
  /** Between the two passes too: the coarse result is not the answer. */
  private busy = $state(false);
  /** Bumped by close(): a sweep started before stops instead of starting its next pass. */
  private generation = 0;
  running = $derived(this.busy || this.job?.state === 'running');
  result = $derived(!this.busy && this.job?.state === 'done' ? this.job.result : null);

  constructor(
    private readonly backend: Backend,
    private readonly sleep: Sleep = realSleep,
    private readonly pollMs = 500,
  ) {}

  async start(threshold: number): Promise<void> {
    if (this.running) return;
    this.error = null;
    this.pass = 1;
    this.busy = true;
    const generation = ++this.generation;
    try {
      const coarse = coarseSweep(threshold);
      const first = await this.sweep(coarse);
      if (!first || first.state !== 'done' || !first.result || generation !== this.generation) return;
      const fine = fineSweep(coarse, first.result.first_infeasible);
      if (fine === null) return;
      this.pass = 2;
      await this.sweep(fine);
    } catch (e) {
      this.error = ApiError.from(e);
      this.job = null;
    } finally {
      if (generation === this.generation) this.busy = false;
    }
  }

  /** Runs one sweep to its end; null when it was replaced or closed meanwhile. */
  private async sweep(range: SweepRange): Promise<Job<Tradeoff> | null> {
    const start = () => this.backend.call('tradeoff_start', { rule_id: 'station_share', ...range });
    this.step = range.step;
    return runJob<Tradeoff>(this.backend, this, 'tradeoff', start, { sleep: this.sleep, pollMs: this.pollMs });
  }

  cancel(): Promise<void> {
    return cancelJob(this.backend, this);
  }

  close(): void {
    // A pass still polling sees its job replaced and stops.
    this.generation += 1;
    this.busy = false;
    this.job = null;
    this.error = null;
  }
}
