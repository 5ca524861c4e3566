// Mirrors of the scenario, audit-trail and comparison responses (docs/api.md, "Scenarios, audit
// trail and comparison"; crates/bureau-api/src/scenarios.rs, bureau-storage/src/audit.rs).
import type { BureauInfo } from '../types';

export type ScenarioStatus = 'draft' | 'review' | 'approved';

export interface ScenarioRecord {
  id: number;
  name: string;
  structure_name: string;
  updated_at: string;
  status: ScenarioStatus;
  parent_id: number | null;
  notes: string;
}

export interface WorkspaceState {
  bureau: BureauInfo;
  scenarios: ScenarioRecord[];
  current_scenario: number;
}

export interface TrashItem {
  id: number;
  name: string;
  deleted_at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  scenario_id: number | null;
  action: string;
  detail: unknown;
}

export interface AuditReport {
  rows: number;
  intact: boolean;
  first_bad_row: number | null;
  problem: string | null;
}

export interface ScenarioKpis {
  scenario_id: number;
  name: string;
  units: number;
  office_officers_before: number;
  office_officers_after: number;
  office_reduction: number;
  station_share: number;
  grassroots_share: number;
  community_share: number;
  moved: number;
  moved_down: number;
  /** Moves inside a department the old unit merges into; not counted in `moved`. */
  moved_within: number;
  posts_before: number;
  posts_after: number;
  hard_rules_passed: number;
  hard_rules_failed: number;
  soft_rules_failed: number;
  seniors_left_in_office: number;
  wishes_met: number;
  wishes_stated: number;
}

export interface HeadcountRow {
  department: string;
  officers: (number | null)[];
}

export interface Flow {
  scenario_id: number;
  from_old_unit: string;
  to_department: string;
  officers: number;
}

export interface Difference {
  police_number: string;
  name: string;
  /** The old unit's id. */
  old_unit: string;
  /** One placement (a unit name) per compared scenario, in the compared order. */
  placements: (string | null)[];
}

export interface Comparison {
  kpis: ScenarioKpis[];
  headcount: HeadcountRow[];
  flows: Flow[];
  differences: Difference[];
}
