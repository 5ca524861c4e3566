// Pure functions behind the planning board: the board's layout from the structure, unit
// figures against establishment, whether a placement is a move, filters, and change lists.
import type { MergeEdge, Metrics, MoveReason, PersonView, Unit, UnitMetrics } from '../api';

/** A top-level unit with its sub-units, as one column (office) or one tile (grassroots). */
export interface BoardGroup {
  unit: Unit;
  children: Unit[];
}

export interface BoardLayout {
  office: BoardGroup[];
  grassroots: BoardGroup[];
}

export function boardLayout(units: Unit[]): BoardLayout {
  const children = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.parent) children.set(u.parent, [...(children.get(u.parent) ?? []), u]);
  }
  const layout: BoardLayout = { office: [], grassroots: [] };
  for (const u of units) {
    if (u.parent) continue;
    const group = { unit: u, children: children.get(u.id) ?? [] };
    (u.tier === 'grassroots' ? layout.grassroots : layout.office).push(group);
  }
  return layout;
}

/** The structure's questions the board asks: top-level unit, and whether a placement moves. */
export class StructureIndex {
  private readonly parent = new Map<string, string>();
  private readonly destinations = new Map<string, string[]>();
  readonly units = new Map<string, Unit>();

  constructor(units: Unit[], mergeMap: MergeEdge[]) {
    for (const u of units) {
      this.units.set(u.id, u);
      if (u.parent) this.parent.set(u.id, u.parent);
    }
    for (const e of mergeMap) this.destinations.set(e.from, e.to);
  }

  topLevel(id: string): string {
    let at = id;
    const seen = new Set<string>();
    while (this.parent.has(at) && !seen.has(at)) {
      seen.add(at);
      at = this.parent.get(at)!;
    }
    return at;
  }

  /** Mirrors core `is_move`: outside every destination the merge map gives the old unit. */
  isMove(oldUnit: string, newUnit: string): boolean {
    const target = this.topLevel(newUnit);
    return !(this.destinations.get(oldUnit) ?? []).some((d) => this.topLevel(d) === target);
  }
}

export type Bound = 'ok' | 'over' | 'under';

export interface UnitFigures {
  officers: number;
  officerEstablishment: number;
  auxiliaries: number;
  auxiliaryEstablishment: number;
  postsUsed: number;
  postsAvailable: number;
  officerBound: Bound;
  auxiliaryBound: Bound;
  postBound: Bound;
}

/**
 * A unit's headcount against its establishment. A top-level unit with sub-units counts them
 * too (as the establishment rule does); posts are the unit's own.
 */
export function unitFigures(unit: Unit, children: Unit[], m: UnitMetrics | undefined): UnitFigures {
  // The core defines a unit's 编制 (own plus sub-units'); the unit's own figures stand in
  // only until the metrics arrive.
  const officerEstablishment =
    m?.officer_establishment ??
    unit.officer_establishment + children.reduce((s, c) => s + c.officer_establishment, 0);
  const auxiliaryEstablishment =
    m?.auxiliary_establishment ??
    unit.auxiliary_establishment + children.reduce((s, c) => s + c.auxiliary_establishment, 0);
  const officers = m?.officers_total ?? 0;
  const auxiliaries = m?.auxiliaries_total ?? 0;
  const postsUsed = (m?.heads ?? 0) + (m?.deputies ?? 0);
  const postsAvailable = unit.head_posts + unit.deputy_posts;
  const bound = (n: number, max: number): Bound => (n > max ? 'over' : 'ok');
  return {
    officers,
    officerEstablishment,
    auxiliaries,
    auxiliaryEstablishment,
    postsUsed,
    postsAvailable,
    officerBound: bound(officers, officerEstablishment),
    auxiliaryBound: bound(auxiliaries, auxiliaryEstablishment),
    postBound: bound(postsUsed, postsAvailable),
  };
}

export type MovedFilter = 'any' | 'moved' | 'not_moved';

export interface Filter {
  search: string;
  oldUnit: string;
  category: '' | 'officer' | 'auxiliary';
  speciality: string;
  qualification: '' | 'professional_grade' | 'legal';
  age50: boolean;
  midLevel: boolean;
  moved: MovedFilter;
}

export function emptyFilter(): Filter {
  return {
    search: '',
    oldUnit: '',
    category: '',
    speciality: '',
    qualification: '',
    age50: false,
    midLevel: false,
    moved: 'any',
  };
}

export function isFilterActive(f: Filter): boolean {
  const e = emptyFilter();
  return (Object.keys(e) as (keyof Filter)[]).some((k) => f[k] !== e[k]);
}

export function matches(p: PersonView, f: Filter): boolean {
  const q = f.search.trim().toLowerCase();
  if (q && !p.name.toLowerCase().includes(q) && !p.police_number.toLowerCase().includes(q)) return false;
  if (f.oldUnit && p.old_unit !== f.oldUnit) return false;
  if (f.category && p.category !== f.category) return false;
  if (f.speciality && !p.specialities.includes(f.speciality)) return false;
  if (f.qualification && !p.qualifications.includes(f.qualification)) return false;
  if (f.age50 && p.age < 50) return false;
  if (f.midLevel && p.post === 'none') return false;
  if (f.moved === 'moved' && !p.moved) return false;
  if (f.moved === 'not_moved' && p.moved) return false;
  return true;
}

/** Every speciality on the roster, sorted, for the filter's choices. */
export function specialities(people: PersonView[]): string[] {
  return [...new Set(people.flatMap((p) => p.specialities))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/** People grouped by where they sit: a new unit, or (still unplaced) their old unit. */
export function groupPeople(people: PersonView[]): { byUnit: Map<string, PersonView[]>; byOldUnit: Map<string, PersonView[]> } {
  const byUnit = new Map<string, PersonView[]>();
  const byOldUnit = new Map<string, PersonView[]>();
  for (const p of people) {
    const [map, key] = p.unit === null ? [byOldUnit, p.old_unit] : [byUnit, p.unit];
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  }
  return { byUnit, byOldUnit };
}

/** One row of a solve result's change list. */
export interface ChangeRow {
  police_number: string;
  name: string;
  category: PersonView['category'];
  /** The current new unit, or null when the person is still in the old unit. */
  from: string | null;
  oldUnit: string;
  to: string;
  /** The destination's top-level department: the change list's grouping. */
  group: string;
  /** Why, as the core gives it for the solve's moves; a change the core does not count as a
   *  move stays inside the merge map (原职能转隶). */
  reason?: MoveReason;
}

/** Who a proposed assignment moves, compared with today's draft, grouped by department. */
export function changeList(
  people: PersonView[],
  assignment: Record<string, string>,
  index: StructureIndex,
): Map<string, ChangeRow[]> {
  const groups = new Map<string, ChangeRow[]>();
  for (const p of people) {
    const to = assignment[p.police_number];
    if (to === undefined || to === p.unit) continue;
    const group = index.topLevel(to);
    const row: ChangeRow = {
      police_number: p.police_number,
      name: p.name,
      category: p.category,
      from: p.unit,
      oldUnit: p.old_unit,
      to,
      group,
    };
    const list = groups.get(group);
    if (list) list.push(row);
    else groups.set(group, [row]);
  }
  return groups;
}

/** The value of a gauge against its requirement, as a fraction of the bar (0–1). */
export function gaugeFill(value: number, max = 1): number {
  if (!(max > 0)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/** The KPIs a gauge shows and the rule behind it; `required` from the rule results if any. */
export function requiredOf(rules: { rule_id: string; required: number | null }[] | null, id: string): number | null {
  return rules?.find((r) => r.rule_id === id)?.required ?? null;
}

/** Total posts after and before, for the posts gauge. */
export function postTotals(m: Metrics): { used: number; available: number; before: number } {
  return {
    used: m.after.heads + m.after.deputies,
    available: m.after.head_posts + m.after.deputy_posts,
    before: m.before.head_posts + m.before.deputy_posts,
  };
}
