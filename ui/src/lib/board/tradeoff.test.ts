import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import { sweepRange, TradeoffController } from './tradeoff.svelte';

describe('TradeoffController', () => {
  it('sweeps the station share from the threshold and keeps the points', async () => {
    const calls: [string, any][] = [];
    let polls = 0;
    const result = { rule_id: 'station_share', points: [{ value: 0.4, status: 'optimal', moves: 50, objective: 1 }], first_infeasible: 0.55 };
    const backend: Backend = {
      async call<T>(method: string, args: object = {}) {
        calls.push([method, args]);
        if (method === 'tradeoff_start') return { job_id: 3 } as T;
        polls += 1;
        return { job_id: 3, kind: 'tradeoff', state: polls < 2 ? 'running' : 'done', elapsed_seconds: 1, progress: { done: polls, total: 2, phase: 'solving' }, result: polls < 2 ? null : result, error: null } as T;
      },
    };
    const c = new TradeoffController(backend, () => new Promise((r) => setTimeout(r, 1)), 0);
    await c.start(0.4);
    expect(calls[0]).toEqual(['tradeoff_start', { rule_id: 'station_share', from: 0.4, to: 0.6, step: 0.05 }]);
    expect(c.result?.first_infeasible).toBe(0.55);
    expect(c.running).toBe(false);
  });

  it('caps the sweep at 80%', () => {
    expect(sweepRange(0.7)).toEqual({ from: 0.7, to: 0.8, step: 0.05 });
  });
});
