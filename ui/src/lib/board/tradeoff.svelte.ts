// Owns one trade-off sweep (moves needed vs the station share required): a coarse background
// job finds the feasible range, a fine one steps through it (`sweep.ts`); polls progress,
// cancels, and keeps the points; renders nothing.
import { ApiError, type Backend } from '../backend';
import type { Tradeoff } from '../api';
import { asJob, pollJob, realSleep, startedJob, type Job, type Sleep } from './job';
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
    const { job_id } = await this.backend.call('tradeoff_start', { rule_id: 'station_share', ...range });
    this.job = startedJob<Tradeoff>(job_id, 'tradeoff');
    this.step = range.step;
    const last = await pollJob<Tradeoff>(this.backend, job_id, this.sleep, this.pollMs, (status) => {
      if (this.job?.job_id !== job_id) return false;
      this.job = status;
      return true;
    });
    if (!last) return null;
    if (last.state === 'failed' && last.error) this.error = ApiError.from(last.error);
    return last;
  }

  async cancel(): Promise<void> {
    if (!this.job || this.job.state !== 'running') return;
    try {
      this.job = asJob<Tradeoff>(await this.backend.call('job_cancel', { job_id: this.job.job_id }));
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  close(): void {
    // A pass still polling sees its job replaced and stops.
    this.generation += 1;
    this.busy = false;
    this.job = null;
    this.error = null;
  }
}
