import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import type { JobStatus } from '../api';
import { cancelJob, runJob, type Job, type JobSlot } from './job';

type Answer = Partial<JobStatus>;

/** A backend whose `job_status` answers `statuses` in turn (the last one again when they run out). */
function fakeBackend(statuses: Answer[]) {
  const calls: [string, unknown][] = [];
  let polls = 0;
  const status = (extra: Answer): JobStatus => ({
    job_id: 3,
    kind: 'solve',
    state: 'running',
    elapsed_seconds: 0,
    progress: { done: 0, total: 0, phase: 'solving' },
    result: null,
    error: null,
    ...extra,
  });
  const backend: Backend = {
    async call(method: string, args: unknown = {}): Promise<any> {
      calls.push([method, args]);
      if (method === 'job_status') return status(statuses[Math.min(polls++, statuses.length - 1)]);
      if (method === 'job_cancel') return status({ state: 'cancelled' });
      throw new Error(`unexpected ${method}`);
    },
  };
  return { backend, calls, polls: () => polls };
}

function slot<R>(): JobSlot<R> {
  return { job: null, error: null };
}

describe('runJob', () => {
  it('shows the started job at once, then follows it until it stops', async () => {
    const { backend, calls } = fakeBackend([{ state: 'running' }, { state: 'running' }, { state: 'done', result: 42 }]);
    const s = slot<number>();
    const waits: number[] = [];
    const seen: (Job<number> | null)[] = [];
    const last = await runJob<number>(backend, s, 'solve', async () => ({ job_id: 3 }), {
      sleep: async (ms) => {
        waits.push(ms);
        seen.push(s.job);
      },
      pollMs: 250,
    });
    expect(seen[0]?.state).toBe('running');
    expect(seen[0]?.progress.phase).toBe('starting');
    expect(waits).toEqual([250, 250, 250]);
    expect(calls).toEqual([['job_status', { job_id: 3 }], ['job_status', { job_id: 3 }], ['job_status', { job_id: 3 }]]);
    expect(last?.state).toBe('done');
    expect(s.job?.result).toBe(42);
    expect(s.error).toBeNull();
  });

  it('stops polling and answers null once the slot holds another job or none', async () => {
    const { backend, polls } = fakeBackend([{ state: 'running' }]);
    const s = slot<number>();
    let rounds = 0;
    const last = await runJob<number>(backend, s, 'tradeoff', async () => ({ job_id: 3 }), {
      sleep: async () => {
        if (++rounds === 3) s.job = null; // dismissed while the third status is on its way
      },
      pollMs: 0,
    });
    expect(last).toBeNull();
    expect(polls()).toBe(3);
    expect(s.job).toBeNull();
  });

  it("puts a failed job's error in the slot, by its code", async () => {
    const { backend } = fakeBackend([{ state: 'failed', error: { code: 'internal', message: 'the solver process died' } }]);
    const s = slot<number>();
    const last = await runJob<number>(backend, s, 'solve', async () => ({ job_id: 3 }), { sleep: async () => {}, pollMs: 0 });
    expect(last?.state).toBe('failed');
    expect(s.error?.code).toBe('internal');
  });

  it('rejects when the start is refused, and polls nothing', async () => {
    const { backend, calls } = fakeBackend([]);
    const s = slot<number>();
    const refused = runJob<number>(backend, s, 'solve', () => Promise.reject(new Error('busy')), { sleep: async () => {}, pollMs: 0 });
    await expect(refused).rejects.toThrow('busy');
    expect(calls).toEqual([]);
    expect(s.job).toBeNull();
  });
});

describe('cancelJob', () => {
  it('cancels a running job and shows the cancelled status; leaves a stopped one alone', async () => {
    const { backend, calls } = fakeBackend([]);
    const s = slot<number>();
    await cancelJob(backend, s);
    expect(calls).toEqual([]);
    s.job = { job_id: 3, kind: 'solve', state: 'running', elapsed_seconds: 1, progress: { done: 0, total: 0, phase: 'x' }, result: null, error: null };
    await cancelJob(backend, s);
    expect(calls).toEqual([['job_cancel', { job_id: 3 }]]);
    expect(s.job?.state).toBe('cancelled');
    await cancelJob(backend, s);
    expect(calls.length).toBe(1);
  });
});
