// Mirrors of the structure designer's API types (crates/bureau-api/src/structure.rs, core
// structure_edit.rs and structure_check.rs; serde field names, snake_case).
import type { EditInfo } from '../board/board.svelte';
import type { MergeEdge, Operation, Tier, Unit, UnitKind } from '../types';

export interface BeforeAfter {
  before: number;
  after: number;
}

export interface StructureTotals {
  officer_establishment: BeforeAfter;
  auxiliary_establishment: BeforeAfter;
  posts: BeforeAfter;
  head_posts: BeforeAfter;
  deputy_posts: BeforeAfter;
  internal_units: BeforeAfter;
}

export type StructureFinding =
  | { code: 'officer_establishment_changed'; before: number; after: number }
  | { code: 'auxiliary_establishment_changed'; before: number; after: number }
  | { code: 'posts_reduced'; before: number; after: number }
  | { code: 'unmapped_old_unit'; unit: string; name: string }
  | { code: 'unit_without_establishment'; unit: string; name: string }
  | { code: 'sub_units_exceed_department'; unit: string; name: string; sub_units: number; department: number };

export interface StructureView {
  scenario_id: number;
  read_only: boolean;
  structure: { name: string; units: Unit[]; merge_map: MergeEdge[] };
  old_units: Unit[];
  check: { totals: StructureTotals; findings: StructureFinding[] };
  /** Each unit's 编制 by the core's one definition: its own plus its sub-units'. */
  establishment: { unit: string; officers: number; auxiliaries: number }[];
  /** People placed in each unit or its sub-units: whom deleting it sends back. */
  placed: { unit: string; people: number }[];
  edit_state: EditInfo;
}

export interface StructureEditResult extends StructureView {
  unplaced: string[];
  created: string | null;
  dropped_rules: number;
}

export type NumberField = 'officer_establishment' | 'auxiliary_establishment' | 'head_posts' | 'deputy_posts' | 'grids';

export type StructureEdit =
  | { op: 'add_unit'; name: string; parent?: string; kind: UnitKind; tier: Tier }
  | { op: 'rename_unit'; unit: string; name: string }
  | { op: 'delete_unit'; unit: string }
  | { op: 'move_unit'; unit: string; parent?: string; index: number }
  | { op: 'set_kind'; unit: string; kind: UnitKind }
  | { op: 'set_tier'; unit: string; tier: Tier }
  | { op: 'set_operation'; unit: string; operation: Operation }
  | { op: 'set_number'; unit: string; field: NumberField; value: number }
  | { op: 'set_functions'; unit: string; functions: string }
  | { op: 'map_old_unit'; old_unit: string; to: string[] }
  | { op: 'set_structure_name'; name: string };
