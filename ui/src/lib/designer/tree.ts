// The designer's pure half: the structure as tree rows, the merge map read and changed per old
// unit, the step a keyboard move makes, the unit and field a refused step was about, and the
// findings as lines that point at a unit. No Svelte, no backend.
import type { MergeEdge, Unit } from '../api';
import type { NumberField, StructureEdit, StructureFinding } from '../api';

export interface TreeRow {
  unit: Unit;
  depth: number;
  /** Position among its siblings, and how many siblings there are. */
  position: number;
  siblings: number;
}

/** Units in tree order (each parent followed by its sub-units), whatever order they come in. */
export function treeRows(units: Unit[]): TreeRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    // A parent that is not in the list (never, from the backend) shows the unit at the top.
    const key = u.parent && ids.has(u.parent) ? u.parent : null;
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = children.get(parent) ?? [];
    list.forEach((unit, position) => {
      if (seen.has(unit.id)) return;
      seen.add(unit.id);
      rows.push({ unit, depth, position, siblings: list.length });
      walk(unit.id, depth + 1);
    });
  };
  walk(null, 0);
  return rows;
}

/** The new units an old unit is formed into (first: where its people go by default). */
export function destinations(mergeMap: MergeEdge[], oldUnit: string): string[] {
  return mergeMap.find((e) => e.from === oldUnit)?.to ?? [];
}

/** The step that adds `target` to an old unit's destinations; null when it is there already. */
export function assignStep(mergeMap: MergeEdge[], oldUnit: string, target: string): StructureEdit | null {
  const to = destinations(mergeMap, oldUnit);
  if (to.includes(target)) return null;
  return { op: 'map_old_unit', old_unit: oldUnit, to: [...to, target] };
}

/** The step that takes `target` out of an old unit's destinations. */
export function unassignStep(mergeMap: MergeEdge[], oldUnit: string, target: string): StructureEdit {
  return { op: 'map_old_unit', old_unit: oldUnit, to: destinations(mergeMap, oldUnit).filter((t) => t !== target) };
}

/** Old units no new unit is formed from (a sub-unit follows its parent's entry). */
export function unmappedOldUnits(oldUnits: Unit[], mergeMap: MergeEdge[]): Set<string> {
  const mapped = new Set(mergeMap.filter((e) => e.to.length > 0).map((e) => e.from));
  const byId = new Map(oldUnits.map((u) => [u.id, u]));
  const top = (id: string) => {
    let at = id;
    for (let i = 0; i <= oldUnits.length; i++) {
      const parent = byId.get(at)?.parent;
      if (!parent) break;
      at = parent;
    }
    return at;
  };
  return new Set(oldUnits.filter((u) => !mapped.has(u.id) && !mapped.has(top(u.id))).map((u) => u.id));
}

/** Moving a unit one place up or down among its siblings; null at either end. */
export function moveStep(rows: TreeRow[], unit: string, delta: -1 | 1): StructureEdit | null {
  const row = rows.find((r) => r.unit.id === unit);
  if (!row) return null;
  const index = row.position + delta;
  if (index < 0 || index >= row.siblings) return null;
  return { op: 'move_unit', unit, parent: row.unit.parent, index };
}

/** Moving a unit under the sibling above it (indent) or out to its parent's level (outdent). */
export function nestStep(rows: TreeRow[], unit: string, direction: 'in' | 'out'): StructureEdit | null {
  const at = rows.findIndex((r) => r.unit.id === unit);
  if (at < 0) return null;
  const row = rows[at];
  if (direction === 'in') {
    if (row.position === 0) return null;
    const above = rows.slice(0, at).reverse().find((r) => r.depth === row.depth && r.unit.parent === row.unit.parent);
    return above ? { op: 'move_unit', unit, parent: above.unit.id, index: Number.MAX_SAFE_INTEGER } : null;
  }
  if (!row.unit.parent) return null;
  const parentRow = rows.find((r) => r.unit.id === row.unit.parent);
  if (!parentRow) return null;
  return { op: 'move_unit', unit, parent: parentRow.unit.parent, index: parentRow.position + 1 };
}

/** A name for a new unit that no sibling has: `base`, `base 2`, `base 3`, … */
export function freshName(units: Unit[], parent: string | undefined, base: string): string {
  const taken = new Set(units.filter((u) => u.parent === parent).map((u) => u.name));
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base} ${k}`)) return `${base} ${k}`;
}

/** Everything a deletion takes away: the unit and every unit below it. */
export function subtree(units: Unit[], unit: string): Set<string> {
  const out = new Set([unit]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const u of units)
      if (u.parent && out.has(u.parent) && !out.has(u.id)) {
        out.add(u.id);
        grown = true;
      }
  }
  return out;
}

export type StepField = 'name' | 'parent' | 'kind' | 'tier' | 'operation' | 'functions' | 'to' | 'structure_name' | NumberField;

/** What a step is about, for a refusal: the unit's (or old unit's) name and the field. */
export function stepSubject(edit: StructureEdit, units: Unit[], oldUnits: Unit[]): { unit: string | null; field: StepField } {
  const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  switch (edit.op) {
    case 'add_unit':
      return { unit: edit.name, field: edit.parent ? 'parent' : 'name' };
    case 'rename_unit':
      return { unit: name(edit.unit), field: 'name' };
    case 'delete_unit':
      return { unit: name(edit.unit), field: 'name' };
    case 'move_unit':
      return { unit: name(edit.unit), field: 'parent' };
    case 'set_kind':
      return { unit: name(edit.unit), field: 'kind' };
    case 'set_tier':
      return { unit: name(edit.unit), field: 'tier' };
    case 'set_operation':
      return { unit: name(edit.unit), field: 'operation' };
    case 'set_number':
      return { unit: name(edit.unit), field: edit.field };
    case 'set_functions':
      return { unit: name(edit.unit), field: 'functions' };
    case 'map_old_unit':
      return { unit: oldUnits.find((u) => u.id === edit.old_unit)?.name ?? edit.old_unit, field: 'to' };
    case 'set_structure_name':
      return { unit: null, field: 'structure_name' };
  }
}

/** One finding as a message key, its parameters and the unit it links to (if any). */
export interface FindingLine {
  key: `designer.finding.${StructureFinding['code']}`;
  params: Record<string, string | number>;
  /** A new unit to select, or an old unit (`old: true`) to show in the merge map. */
  target: { id: string; old: boolean } | null;
}

export function findingLine(f: StructureFinding): FindingLine {
  const key = `designer.finding.${f.code}` as const;
  switch (f.code) {
    case 'officer_establishment_changed':
    case 'auxiliary_establishment_changed':
    case 'posts_reduced':
      return { key, params: { before: f.before, after: f.after }, target: null };
    case 'unmapped_old_unit':
      return { key, params: { name: f.name }, target: { id: f.unit, old: true } };
    case 'unit_without_establishment':
      return { key, params: { name: f.name }, target: { id: f.unit, old: false } };
    case 'sub_units_exceed_department':
      return { key, params: { name: f.name, sub: f.sub_units, cap: f.department }, target: { id: f.unit, old: false } };
  }
}
