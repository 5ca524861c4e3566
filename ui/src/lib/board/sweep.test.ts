import { describe, expect, it } from 'vitest';
import { coarseSweep, fineSweep } from './sweep';

describe('trade-off sweep ranges', () => {
  it('starts coarse from the threshold, capped at 80%', () => {
    expect(coarseSweep(0.4)).toEqual({ from: 0.4, to: 0.6, step: 0.05 });
    expect(coarseSweep(0.7)).toEqual({ from: 0.7, to: 0.8, step: 0.05 });
  });

  it('refines a 10-point feasible range in half-point steps', () => {
    // The county: 40% and 45% feasible, 50% not: two points and a flat line before.
    expect(fineSweep(coarseSweep(0.4), 0.5)).toEqual({ from: 0.4, to: 0.5, step: 0.005 });
  });

  it('refines a narrow range more finely and a wide one less', () => {
    expect(fineSweep(coarseSweep(0.4), 0.45)?.step).toBe(0.0025);
    expect(fineSweep(coarseSweep(0.4), null)).toEqual({ from: 0.4, to: 0.6, step: 0.01 });
    expect(fineSweep({ from: 0.2, to: 0.8, step: 0.05 }, null)?.step).toBe(0.05);
  });

  it('has nothing to refine when the threshold itself is infeasible', () => {
    expect(fineSweep(coarseSweep(0.4), 0.4)).toBeNull();
  });

  it('never asks for more steps than the API allows (41)', () => {
    for (const first of [0.41, 0.45, 0.5, 0.55, 0.6, null]) {
      const r = fineSweep(coarseSweep(0.4), first)!;
      expect((r.to - r.from) / r.step + 1).toBeLessThanOrEqual(41);
    }
  });
});
