// A background job (a solve or a trade-off sweep) as the board reads it, and the one way a
// controller runs one: start it, poll it until it stops, cancel it. Renders nothing.
import { ApiError, type Backend } from '../backend';
import type { JobKind, JobStarted, JobStatus } from '../api';

/** A job whose result, once done, is an `R`: `SolveOutcome` for a solve, `Tradeoff` for a sweep. */
export type Job<R> = Omit<JobStatus, 'result'> & { result: R | null };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where a controller shows its job and the job's error (its own reactive fields). */
export interface JobSlot<R> {
  job: Job<R> | null;
  error: ApiError | null;
}

/** How a controller polls: how it waits and how long between two status calls. */
export interface Polling {
  sleep: Sleep;
  pollMs: number;
}

/** The job just started, shown until its first status arrives. */
export function startedJob<R>(job_id: number, kind: JobKind): Job<R> {
  return {
    job_id,
    kind,
    state: 'running',
    elapsed_seconds: 0,
    progress: { done: 0, total: 0, phase: 'starting' },
    result: null,
    error: null,
  };
}

/** A status answer read as a job of result `R` (the API types `result` by `kind`, not statically). */
export function asJob<R>(status: JobStatus): Job<R> {
  return status as Job<R>;
}

/**
 * Starts a job with `start` and follows it in `slot` until it is no longer running: the
 * started job at once, then each status. When the slot no longer holds this job (dismissed,
 * closed or replaced meanwhile) polling stops and the answer is null; otherwise it is the last
 * status, and a failed job's error is in `slot.error`. A refused start rejects.
 */
export async function runJob<R>(
  backend: Backend,
  slot: JobSlot<R>,
  kind: JobKind,
  start: () => Promise<JobStarted>,
  polling: Polling,
): Promise<Job<R> | null> {
  const { job_id } = await start();
  slot.job = startedJob<R>(job_id, kind);
  for (;;) {
    await polling.sleep(polling.pollMs);
    const status = asJob<R>(await backend.call('job_status', { job_id }));
    if (slot.job?.job_id !== job_id) return null;
    slot.job = status;
    if (status.state === 'running') continue;
    if (status.state === 'failed' && status.error) slot.error = ApiError.from(status.error);
    return status;
  }
}

/** Cancels the slot's job if it is running; the slot then holds the cancelled status. */
export async function cancelJob<R>(backend: Backend, slot: JobSlot<R>): Promise<void> {
  if (!slot.job || slot.job.state !== 'running') return;
  try {
    slot.job = asJob<R>(await backend.call('job_cancel', { job_id: slot.job.job_id }));
  } catch (e) {
    slot.error = ApiError.from(e);
  }
}
