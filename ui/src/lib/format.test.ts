import { describe, expect, it } from 'vitest';
import { count, pct, policyThreshold, ratio } from './format';

describe('format', () => {
  it('formats shares with one decimal', () => {
    expect(pct(0.31722054380664655)).toBe('31.7%');
    expect(pct(0.4)).toBe('40.0%');
    expect(pct(0)).toBe('0.0%');
    expect(pct(1)).toBe('100.0%');
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
