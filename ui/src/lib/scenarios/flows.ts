// The comparison read by function. Sankey: old units on the left grouped by tier, new
// departments on the right grouped office / stations / squads, and the flows of units that
// stay as they are (a station into the same station) folded into one band. Differences between
// scenarios whose structures differ: by function — someone who follows their old unit into
// the department the merge map gives it is placed the same, whatever that department is called.
import { StructureIndex } from '../board/model';
import type { MergeEdge, PersonView, Unit } from '../api';
import type { Flow } from '../api';

export type FlowGroup = 'office' | 'grassroots' | 'department' | 'station' | 'squad' | 'kept';

export interface FlowNode {
  name: string;
  label: string;
  side: 'old' | 'new';
  group: FlowGroup;
}

export interface GroupedFlows {
  nodes: FlowNode[];
  links: { source: string; target: string; value: number }[];
  /** Officers and units in the folded "unchanged units" band. */
  kept: { officers: number; units: number };
}

/** A scenario's structure as the compare view needs it. */
export interface ScenarioStructure {
  new_units: Unit[];
  merge_map: MergeEdge[];
}

export const KEPT = 'kept';

function newGroup(u: Unit | undefined): FlowGroup {
  if (u?.kind === 'police_station') return 'station';
  if (u?.kind === 'traffic_squad') return 'squad';
  return u?.tier === 'grassroots' ? 'station' : 'department';
}

const NEW_ORDER: FlowGroup[] = ['department', 'station', 'squad', 'kept'];
const OLD_ORDER: FlowGroup[] = ['office', 'grassroots', 'kept'];

/** Nodes in the order the chart draws them (the layout keeps it): groups, then the data's order. */
export function groupedFlows(flows: Flow[], scenarioId: number, oldUnits: Unit[], newUnits: Unit[]): GroupedFlows {
  const oldByName = new Map(oldUnits.map((u) => [u.name, u]));
  const oldRank = new Map(oldUnits.map((u, i) => [u.name, i]));
  const newTop = newUnits.filter((u) => !u.parent);
  const newByName = new Map(newTop.map((u) => [u.name, u]));
  const newRank = new Map(newTop.map((u, i) => [u.name, i]));
  const nodes = new Map<string, FlowNode>();
  const links: GroupedFlows['links'] = [];
  const kept = { officers: 0, units: 0 };
  for (const f of flows) {
    if (f.scenario_id !== scenarioId || f.officers <= 0) continue;
    if (f.from_old_unit === f.to_department) {
      kept.officers += f.officers;
      kept.units += 1;
      continue;
    }
    const source = `old:${f.from_old_unit}`;
    const target = `new:${f.to_department}`;
    if (!nodes.has(source)) {
      const tier = oldByName.get(f.from_old_unit)?.tier ?? 'office';
      nodes.set(source, { name: source, label: f.from_old_unit, side: 'old', group: tier });
    }
    if (!nodes.has(target)) {
      nodes.set(target, { name: target, label: f.to_department, side: 'new', group: newGroup(newByName.get(f.to_department)) });
    }
    links.push({ source, target, value: f.officers });
  }
  if (kept.officers > 0) {
    nodes.set(`old:${KEPT}`, { name: `old:${KEPT}`, label: KEPT, side: 'old', group: 'kept' });
    nodes.set(`new:${KEPT}`, { name: `new:${KEPT}`, label: KEPT, side: 'new', group: 'kept' });
    links.push({ source: `old:${KEPT}`, target: `new:${KEPT}`, value: kept.officers });
  }
  const rank = (n: FlowNode) => {
    const order = n.side === 'old' ? OLD_ORDER : NEW_ORDER;
    const within = (n.side === 'old' ? oldRank : newRank).get(n.label) ?? Number.MAX_SAFE_INTEGER;
    return [n.side === 'old' ? 0 : 1, order.indexOf(n.group), within] as const;
  };
  const sorted = [...nodes.values()].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.label.localeCompare(b.label, 'zh-CN');
  });
  return { nodes: sorted, links, kept };
}

/** True when every scenario has the same units (ids, names, parents): compare by unit. */
export function sameStructure(structures: ScenarioStructure[]): boolean {
  const key = (s: ScenarioStructure) =>
    s.new_units
      .map((u) => `${u.id}\u0000${u.name}\u0000${u.parent ?? ''}`)
      .sort()
      .join('\u0001');
  return structures.every((s) => key(s) === key(structures[0]));
}

/** Where someone is by function in one scenario: with their old unit's function, or moved. */
export interface FunctionPlacement {
  /** The department (top-level unit) name, or null while unplaced. */
  department: string | null;
  /** In a department the merge map gives their old unit. */
  follows: boolean;
}

export interface FunctionDifference {
  police_number: string;
  name: string;
  old_unit: string;
  placements: FunctionPlacement[];
}

const key = (p: FunctionPlacement) => (p.department === null ? '\u0000unplaced' : p.follows ? '\u0000follows' : p.department);

/**
 * People placed differently by function across scenarios. `people[i]` is scenario i's roster
 * view (the same people, each scenario's units), `structures[i]` its structure.
 */
export function functionDifferences(people: PersonView[][], structures: ScenarioStructure[]): FunctionDifference[] {
  const indexes = structures.map((s) => new StructureIndex(s.new_units, s.merge_map));
  const byPn = people.map((list) => new Map(list.map((p) => [p.police_number, p])));
  const out: FunctionDifference[] = [];
  for (const p of people[0] ?? []) {
    const placements = byPn.map((m, i): FunctionPlacement => {
      const unit = m.get(p.police_number)?.unit ?? null;
      if (unit === null) return { department: null, follows: false };
      const ix = indexes[i];
      const top = ix.topLevel(unit);
      return { department: ix.units.get(top)?.name ?? top, follows: !ix.isMove(p.old_unit, unit) };
    });
    if (placements.some((x) => key(x) !== key(placements[0]))) {
      out.push({ police_number: p.police_number, name: p.name, old_unit: p.old_unit, placements });
    }
  }
  return out;
}
