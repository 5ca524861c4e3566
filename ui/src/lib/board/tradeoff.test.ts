import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend';
import { TradeoffController } from './tradeoff.svelte';

type Point = { value: number; status: string; moves: number | null; objective: number | null };

/** A backend whose sweeps are feasible below `limit`, answering each job after one poll. */
function sweeping(limit: number) {
  const starts: any[] = [];
  let pending: Point[] = [];
  let first: number | null = null;
  let polled = false;
  const backend: Backend = {
    async call(method: string, args: any = {}): Promise<any> {
      if (method === 'tradeoff_start') {
        starts.push(args);
        pending = [];
        first = null;
        polled = false;
        for (let v = args.from; v <= args.to + 1e-9; v = Math.round((v + args.step) * 1e4) / 1e4) {
          const ok = v < limit - 1e-9;
          pending.push({ value: v, status: ok ? 'optimal' : 'infeasible', moves: ok ? Math.round(v * 100) : null, objective: null });
          if (!ok) {
            first = v;
            break;
          }
        }
        return { job_id: starts.length } as any;
      }
      const done = polled;
      polled = true;
      return {
        job_id: starts.length,
        kind: 'tradeoff',
        state: done ? 'done' : 'running',
        elapsed_seconds: 1,
        progress: null,
        result: done ? { rule_id: 'station_share', points: pending, first_infeasible: first } : null,
        error: null,
      } as any;
    },
  };
  return { backend, starts };
}

const fast = () => new Promise<void>((r) => setTimeout(r, 1));

describe('TradeoffController', () => {
  it('finds the feasible range coarsely, then sweeps it in half-point steps', async () => {
    const { backend, starts } = sweeping(0.47);
    const c = new TradeoffController(backend, fast, 0);
    const seen: (number | undefined)[] = [];
    const watching = setInterval(() => seen.push(c.result?.points.length), 0);
    await c.start(0.4);
    clearInterval(watching);
    // The coarse pass's answer is never shown as the result.
    expect(seen.filter((n) => n !== undefined && n !== 15)).toEqual([]);
    expect(starts).toEqual([
      { rule_id: 'station_share', from: 0.4, to: 0.6, step: 0.05 },
      { rule_id: 'station_share', from: 0.4, to: 0.5, step: 0.005 },
    ]);
    expect(c.pass).toBe(2);
    expect(c.step).toBe(0.005);
    // 0.400 … 0.465 feasible, then the first infeasible value.
    expect(c.result?.points.length).toBe(15);
    expect(c.result?.first_infeasible).toBe(0.47);
    expect(c.running).toBe(false);
  });

  it('stops after the coarse pass when the threshold itself is infeasible', async () => {
    const { backend, starts } = sweeping(0.3);
    const c = new TradeoffController(backend, fast, 0);
    await c.start(0.4);
    expect(starts).toHaveLength(1);
    expect(c.result?.first_infeasible).toBe(0.4);
  });
});
