// Number formats shared by every screen (tests/e2e/support/format.mjs restates them).

/** A share in [0, 1] as a percentage with one decimal: 0.4023 → "40.2%". */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
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
