// What the overview tells a first-time user to do next, from the scenario's rule results: fix
// the failing hard rules on the board (Solve), or, once they all pass, compare and export.
// Pins are the planner's own constraints, not policy: they never count as a rule here.
import type { RuleResult } from './api';

/** The rule line under which the backend reports pins (core `rule_results::PINS_RULE_ID`). */
export const PINS_RULE_ID = 'pins';

/** The policy rules of a rule-results list: everything but the pins line. */
export function policyRules(rules: RuleResult[]): RuleResult[] {
  return rules.filter((r) => r.rule_id !== PINS_RULE_ID);
}

export type NextStep =
  /** Hard rules fail: go to the board and press Solve. */
  | { kind: 'solve'; failingHard: number; totalHard: number }
  /** Every hard rule holds: compare scenarios, export the document. */
  | { kind: 'review'; failingSoft: number; totalHard: number }
  /** No rule results (an older backend): nothing to advise. */
  | { kind: 'unknown' };

export function nextStep(rules: RuleResult[] | null): NextStep {
  if (rules === null) return { kind: 'unknown' };
  const policy = policyRules(rules);
  const hard = policy.filter((r) => r.hard);
  const failingHard = hard.filter((r) => !r.passed).length;
  if (failingHard > 0) return { kind: 'solve', failingHard, totalHard: hard.length };
  return { kind: 'review', failingSoft: policy.filter((r) => !r.hard && !r.passed).length, totalHard: hard.length };
}
