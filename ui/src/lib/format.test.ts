import { describe, expect, it } from 'vitest';
import { count, pct, policyThreshold, ratio, rulePct } from './format';

describe('format', () => {
  it('formats shares with one decimal', () => {
    expect(pct(0.31722054380664655)).toBe('31.7%');
    expect(pct(0.4)).toBe('40.0%');
    expect(pct(0)).toBe('0.0%');
    expect(pct(1)).toBe('100.0%');
  });
  it('formats a required share with the precision it was given', () => {
    expect(rulePct(0.546)).toBe('54.6%');
    expect(rulePct(0.4)).toBe('40%');
    expect(rulePct(0.5465)).toBe('54.65%');
    expect(rulePct(0.1 + 0.2)).toBe('30%');
  });
  it('formats counts plainly', () => {
    expect(count(2500)).toBe('2500');
    expect(ratio(12, 14)).toBe('12 / 14');
  });
  it('knows the policy thresholds', () => {
    expect(policyThreshold('county')).toBe(0.4);
    expect(policyThreshold('city_district')).toBe(0.5);
  });
});
