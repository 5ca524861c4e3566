// Mirrors of the Rust types the API returns (serde field names, snake_case).
// Source: crates/bureau-core/src/model/*.rs, metrics.rs and crates/bureau-api/src/methods.rs.

export type BureauKind = 'county' | 'city_district';
export type UnitKind =
  | 'operations_centre'
  | 'department'
  | 'sub_unit'
  | 'police_station'
  | 'traffic_squad'
  | 'detention'
  | 'other';
export type Tier = 'office' | 'grassroots';
export type Operation = 'physical' | 'virtual';

export interface BureauInfo {
  name: string;
  kind: BureauKind;
  as_of: string;
  background?: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  tier: Tier;
  parent?: string;
  officer_establishment: number;
  auxiliary_establishment: number;
  head_posts: number;
  deputy_posts: number;
  operation: Operation;
  grids?: number;
  /** 职能: main functions, one per line; absent when empty. */
  functions?: string;
}

export interface MergeEdge {
  from: string;
  to: string[];
}

export interface UnitMetrics {
  unit_id: string;
  officers: number;
  auxiliaries: number;
  officers_total: number;
  auxiliaries_total: number;
  community_officers: number;
  heads: number;
  deputies: number;
  /** 编制: the unit's own, or the sum of its sub-units'. */
  officer_establishment: number;
  auxiliary_establishment: number;
}

export interface TierTotals {
  office_officers: number;
  grassroots_officers: number;
  station_officers: number;
  community_officers: number;
  office_auxiliaries: number;
  grassroots_auxiliaries: number;
  heads: number;
  deputies: number;
  head_posts: number;
  deputy_posts: number;
}

export interface Metrics {
  total_officers: number;
  total_auxiliaries: number;
  unassigned_officers: number;
  unassigned_auxiliaries: number;
  before: TierTotals;
  after: TierTotals;
  station_share: number;
  station_share_before: number;
  grassroots_share: number;
  community_share: number;
  office_reduction: number;
  /** People adjusted: placed outside every department their old unit merges into. */
  moved: number;
  moved_down: number;
  /** Moves inside a department the old unit merges into; not counted in `moved`. */
  moved_within: number;
  wishes_stated: number;
  wishes_met: number;
  /** 内设机构数: top-level office units, not stations. */
  office_departments: number;
  grassroots_units: number;
  old_units: UnitMetrics[];
  new_units: UnitMetrics[];
}

export interface ScenarioSummary {
  id: number;
  name: string;
  structure_name: string;
  updated_at: string;
}

export interface Overview {
  bureau: BureauInfo;
  scenario: ScenarioSummary;
  old_units: Unit[];
  new_units: Unit[];
  merge_map: MergeEdge[];
  metrics: Metrics;
}

export interface WorkspaceInfo {
  bureau: BureauInfo;
  scenarios: ScenarioSummary[];
  current_scenario: number;
}

// --- The planning board (crates/bureau-api/src/board.rs, planning.rs; core rule_results.rs,
// optimiser/mod.rs) ---

export type Category = 'officer' | 'auxiliary';
export type Post = 'none' | 'head' | 'deputy';
export type Qualification = 'professional_grade' | 'legal';

export interface PersonView {
  police_number: string;
  name: string;
  category: Category;
  gender: 'male' | 'female';
  age: number;
  rank: string;
  post: Post;
  old_unit: string;
  unit: string | null;
  pinned: boolean;
  moved: boolean;
  specialities: string[];
  qualifications: Qualification[];
  community_police: boolean;
  wishes: string[];
}

export interface Changed {
  police_number: string;
  unit: string | null;
  pinned: boolean;
  moved: boolean;
}

export interface EditResult {
  metrics: Metrics;
  can_undo: boolean;
  can_redo: boolean;
  revision: number;
  undo_label: string | null;
  redo_label: string | null;
  changed: Changed[];
}

export interface RuleResult {
  rule_id: string;
  hard: boolean;
  passed: boolean;
  required: number | null;
  actual: number | null;
  shortfall: number;
  /** `shortfall` is how far a maximum is exceeded, not how far a minimum is missed. */
  over: boolean;
  units: string[];
  people: string[];
  description_zh: string;
  description_en: string;
  source_zh: string;
  source_en: string;
}

/** One station of the staffing calculation (`station_workload`, docs/workload.md). */
export interface StationWorkloadRow {
  unit: string;
  name: string;
  share: number;
  demand: number;
  before: number;
  after: number;
  /** after − demand: positive over, negative short. */
  gap: number;
}

export interface StationTable {
  has_figures: boolean;
  min_officers: number;
  rows: StationWorkloadRow[];
  total_after: number;
  total_before: number;
  total_demand: number;
  total_deviation: number;
  method_zh: string;
  method_en: string;
}

export type SolveStatus = 'optimal' | 'feasible_with_gap' | 'infeasible' | 'time_limit';

export interface SolveMove {
  police_number: string;
  name: string;
  from: string;
  to: string;
}

export interface Shortfall {
  rule_id: string;
  units: string[];
  shortfall: number;
  message_zh: string;
  message_en: string;
}

export interface SolveOutcome {
  status: SolveStatus;
  objective: number | null;
  assignment: Record<string, string>;
  moves: SolveMove[];
  metrics: Metrics | null;
  diagnosis: Shortfall[];
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus<R = unknown> {
  job_id: number;
  kind: 'solve' | 'tradeoff';
  state: JobState;
  elapsed_seconds: number;
  progress: { done: number; total: number; phase: string } | null;
  result: R | null;
  error: { code: string; message: string } | null;
}

export interface TradeoffPoint {
  value: number;
  status: SolveStatus;
  moves: number;
  objective: number | null;
}

export interface Tradeoff {
  rule_id: string;
  points: TradeoffPoint[];
  first_infeasible: number | null;
}
