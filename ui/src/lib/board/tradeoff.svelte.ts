// Owns one trade-off sweep (moves needed vs the station share required): starts it as a
// background job, polls its progress, cancels it, and keeps the points; renders nothing.
import { ApiError, type Backend } from '../backend';
import type { JobStatus, Tradeoff } from '../types';
import type { Sleep } from './solve.svelte';

const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The shares a sweep tries: from the policy threshold up by 5 points, to at most 80%. */
export function sweepRange(threshold: number): { from: number; to: number; step: number } {
  const from = Math.round(threshold * 100) / 100;
  return { from, to: Math.min(0.8, Math.round((from + 0.2) * 100) / 100), step: 0.05 };
}

export class TradeoffController {
  job = $state.raw<JobStatus<Tradeoff> | null>(null);
  error = $state.raw<ApiError | null>(null);
  running = $derived(this.job?.state === 'running');
  result = $derived(this.job?.state === 'done' ? this.job.result : null);

  constructor(
    private readonly backend: Backend,
    private readonly sleep: Sleep = realSleep,
    private readonly pollMs = 500,
  ) {}

  async start(threshold: number): Promise<void> {
    if (this.running) return;
    this.error = null;
    try {
      const { job_id } = await this.backend.call<{ job_id: number }>('tradeoff_start', {
        rule_id: 'station_share',
        ...sweepRange(threshold),
      });
      this.job = { job_id, kind: 'tradeoff', state: 'running', elapsed_seconds: 0, progress: null, result: null, error: null };
      for (;;) {
        await this.sleep(this.pollMs);
        const status = await this.backend.call<JobStatus<Tradeoff>>('job_status', { job_id });
        if (this.job?.job_id !== job_id) return;
        this.job = status;
        if (status.state !== 'running') break;
      }
      if (this.job.state === 'failed' && this.job.error) this.error = ApiError.from(this.job.error);
    } catch (e) {
      this.error = ApiError.from(e);
      this.job = null;
    }
  }

  async cancel(): Promise<void> {
    if (!this.job || !this.running) return;
    try {
      this.job = await this.backend.call<JobStatus<Tradeoff>>('job_cancel', { job_id: this.job.job_id });
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  close(): void {
    this.job = null;
    this.error = null;
  }
}
