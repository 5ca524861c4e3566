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
  moved: number;
  moved_down: number;
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
