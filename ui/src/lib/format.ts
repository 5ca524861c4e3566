// Number formats shared by every screen (tests/e2e/support/format.mjs restates them).

/** A share in [0, 1] as a percentage with one decimal: 0.4023 → "40.2%". */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * A share a rule asks for, with the precision it was given: 0.546 → "54.6%", 0.4 → "40%"
 * (as the rule texts from the core read; docs/plan-file.md).
 */
export function rulePct(x: number): string {
  return `${Number((x * 100).toFixed(4))}%`;
}

/** A headcount as a plain integer. */
export function count(n: number): string {
  return String(n);
}

/** "used / available", e.g. a unit's officers against its establishment. */
export function ratio(used: number, available: number): string {
  return `${used} / ${available}`;
}

/** The policy threshold for station and community shares: 40% county, 50% city district. */
export function policyThreshold(kind: 'county' | 'city_district'): number {
  return kind === 'county' ? 0.4 : 0.5;
}
