// Which shares a trade-off sweep tries. A coarse pass (5-point steps from the policy threshold)
// finds where plans stop being feasible; the fine pass then steps through that feasible range
// finely enough (about 20 solves) to show the curve rather than two points and a flat line.

export interface SweepRange {
  from: number;
  to: number;
  step: number;
}

/** Shares are kept to 1e-4 so that 0.4 + 3 × 0.005 reads 0.415. */
const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The coarse pass: from the threshold up by 5 points, to at most 80%. */
export function coarseSweep(threshold: number): SweepRange {
  const from = round(threshold);
  return { from, to: round(Math.min(0.8, Math.max(from, from + 0.2))), step: 0.05 };
}

/** Steps small enough for a curve, coarse enough to keep the number of solves near `target`. */
const STEPS = [0.0025, 0.005, 0.01, 0.02, 0.025, 0.05];

/**
 * The fine pass over the feasible range the coarse pass found: from the threshold to the first
 * infeasible value (or to the coarse pass's end when all were feasible), or null when there is
 * nothing between them to refine (the threshold itself is infeasible).
 */
export function fineSweep(coarse: SweepRange, firstInfeasible: number | null, target = 20): SweepRange | null {
  const from = coarse.from;
  const to = round(firstInfeasible ?? coarse.to);
  const width = to - from;
  if (!(width > 1e-9)) return null;
  const step = STEPS.find((s) => width / s <= target + 1e-9) ?? STEPS[STEPS.length - 1];
  return { from, to, step };
}
