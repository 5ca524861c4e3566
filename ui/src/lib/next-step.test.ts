import { describe, expect, it } from 'vitest';
import { nextStep, policyRules } from './next-step';
import type { RuleResult } from './api';

function rule(rule_id: string, hard: boolean, passed: boolean): RuleResult {
  return {
    rule_id,
    hard,
    passed,
    required: null,
    actual: null,
    shortfall: 0,
    over: false,
    units: [],
    people: [],
    description_zh: rule_id,
    description_en: rule_id,
    source_zh: '',
    source_en: '',
  };
}

describe('next step', () => {
  it('sends the planner to Solve while a hard rule fails', () => {
    const rules = [rule('station_share', true, false), rule('posts_within_limits', true, true), rule('seniors', false, false)];
    expect(nextStep(rules)).toEqual({ kind: 'solve', failingHard: 1, totalHard: 2 });
  });

  it('moves on to compare and export once every hard rule holds', () => {
    const rules = [rule('station_share', true, true), rule('seniors', false, false)];
    expect(nextStep(rules)).toEqual({ kind: 'review', failingSoft: 1, totalHard: 1 });
  });

  it('does not count pins as a rule, kept or not', () => {
    const rules = [rule('station_share', true, true), rule('pins', true, true)];
    expect(nextStep(rules)).toEqual({ kind: 'review', failingSoft: 0, totalHard: 1 });
    expect(policyRules(rules).map((r) => r.rule_id)).toEqual(['station_share']);
  });

  it('says nothing without rule results', () => {
    expect(nextStep(null)).toEqual({ kind: 'unknown' });
  });
});
