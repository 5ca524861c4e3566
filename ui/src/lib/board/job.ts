// A background job (a solve or a trade-off sweep) as the board reads it, and the one loop that
// polls it until it stops. Renders nothing.
import type { Backend } from '../backend';
import type { JobKind, JobStatus } from '../api';

/** A job whose result, once done, is an `R`: `SolveOutcome` for a solve, `Tradeoff` for a sweep. */
export type Job<R> = Omit<JobStatus, 'result'> & { result: R | null };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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
 * Asks for the job's status every `pollMs` until it is no longer running. `seen` hears each
 * status and answers false when the job was replaced or dismissed meanwhile: polling stops
 * and the answer is null. Otherwise the answer is the last status.
 */
export async function pollJob<R>(
  backend: Backend,
  job_id: number,
  sleep: Sleep,
  pollMs: number,
  seen: (job: Job<R>) => boolean,
): Promise<Job<R> | null> {
  for (;;) {
    await sleep(pollMs);
    const status = asJob<R>(await backend.call('job_status', { job_id }));
    if (!seen(status)) return null;
    if (status.state !== 'running') return status;
  }
}
