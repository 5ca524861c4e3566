// Pure functions of a Comparison: the KPI table with deltas against the first scenario, the
// difference-list filter and the CSV export. No state, no DOM.
import type { Comparison, PlacementDifference, ScenarioKpis } from '../api';

export type KpiFormat = 'count' | 'pct' | 'pair';
export type KpiRowId =
  | 'units'
  | 'office'
  | 'officeReduction'
  | 'stationShare'
  | 'communityShare'
  | 'grassrootsShare'
  | 'moved'
  | 'movedDown'
  | 'posts'
  | 'hardPassed'
  | 'hardFailed'
  | 'softFailed'
  | 'seniors'
  | 'wishes';

interface RowDef {
  id: KpiRowId;
  format: KpiFormat;
  /** The number deltas are taken on. */
  value: (k: ScenarioKpis) => number;
  /** For 'pair' rows: the number shown before the arrow (or after the slash for wishes). */
  first?: (k: ScenarioKpis) => number;
  /** Which way is better (colours the delta); null: neither. */
  better: 'up' | 'down' | null;
}

const ROWS: RowDef[] = [
  { id: 'units', format: 'count', value: (k) => k.units, better: null },
  { id: 'office', format: 'pair', first: (k) => k.office_officers_before, value: (k) => k.office_officers_after, better: 'down' },
  { id: 'officeReduction', format: 'pct', value: (k) => k.office_reduction, better: 'up' },
  { id: 'stationShare', format: 'pct', value: (k) => k.station_share, better: 'up' },
  { id: 'communityShare', format: 'pct', value: (k) => k.community_share, better: 'up' },
  { id: 'grassrootsShare', format: 'pct', value: (k) => k.grassroots_share, better: 'up' },
  { id: 'moved', format: 'count', value: (k) => k.moved, better: null },
  { id: 'movedDown', format: 'count', value: (k) => k.moved_down, better: 'up' },
  { id: 'posts', format: 'pair', first: (k) => k.posts_before, value: (k) => k.posts_after, better: 'up' },
  { id: 'hardPassed', format: 'count', value: (k) => k.hard_rules_passed, better: 'up' },
  { id: 'hardFailed', format: 'count', value: (k) => k.hard_rules_failed, better: 'down' },
  { id: 'softFailed', format: 'count', value: (k) => k.soft_rules_failed, better: 'down' },
  { id: 'seniors', format: 'count', value: (k) => k.seniors_left_in_office, better: 'down' },
  { id: 'wishes', format: 'count', value: (k) => k.wishes_met, first: (k) => k.wishes_stated, better: 'up' },
];

export interface KpiCell {
  text: string;
  /** Against the first scenario; null for the first one. */
  delta: string | null;
  /** 'good' | 'bad' | 'same' | 'neutral' for colouring. */
  tone: 'good' | 'bad' | 'same' | 'neutral' | null;
}

export interface KpiRow {
  id: KpiRowId;
  cells: KpiCell[];
}

export const pctText = (x: number): string => `${(x * 100).toFixed(1)}%`;

function deltaText(d: number, format: KpiFormat): string {
  if (format === 'pct') {
    const pp = Math.round(d * 1000) / 10;
    if (pp === 0) return '±0';
    return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
  }
  if (d === 0) return '±0';
  return `${d > 0 ? '+' : '−'}${Math.abs(d)}`;
}

function cellText(row: RowDef, k: ScenarioKpis): string {
  const v = row.value(k);
  if (row.format === 'pct') return pctText(v);
  if (row.id === 'wishes') return `${v} / ${row.first!(k)}`;
  if (row.format === 'pair') return `${row.first!(k)} → ${v}`;
  return String(v);
}

/** The KPI table: one row per indicator, one cell per scenario with its delta against the first. */
export function kpiRows(kpis: ScenarioKpis[]): KpiRow[] {
  return ROWS.map((row) => ({
    id: row.id,
    cells: kpis.map((k, i) => {
      if (i === 0) return { text: cellText(row, k), delta: null, tone: null };
      const d = row.value(k) - row.value(kpis[0]);
      const rounded = row.format === 'pct' ? Math.round(d * 1000) / 10 : d;
      const tone =
        rounded === 0 ? 'same' : row.better === null ? 'neutral' : (rounded > 0) === (row.better === 'up') ? 'good' : 'bad';
      return { text: cellText(row, k), delta: deltaText(d, row.format), tone };
    }),
  }));
}

/** The people placed differently, filtered by a name / police-number search and an old unit id. */
export function filterDifferences<D extends Pick<PlacementDifference, 'police_number' | 'name' | 'old_unit'>>(
  list: D[],
  search: string,
  oldUnit: string,
): D[] {
  const q = search.trim().toLowerCase();
  return list.filter(
    (d) =>
      (!oldUnit || d.old_unit === oldUnit) &&
      (!q || d.police_number.toLowerCase().includes(q) || d.name.toLowerCase().includes(q)),
  );
}

function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLines(rows: (string | number | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n');
}

export interface CsvLabels {
  kpiTitle: string;
  indicator: string;
  delta: (name: string) => string;
  kpi: (id: KpiRowId) => string;
  headcountTitle: string;
  department: string;
  flowsTitle: string;
  scenario: string;
  fromOldUnit: string;
  toDepartment: string;
  officers: string;
  differencesTitle: string;
  policeNumber: string;
  name: string;
  oldUnit: string;
  oldUnitName: (id: string) => string;
}

/** The comparison as one CSV (UTF-8 with BOM so that spreadsheets read the Chinese), four sections. */
export function comparisonCsv(c: Comparison, l: CsvLabels): string {
  const names = c.kpis.map((k) => k.name);
  const nameById = new Map(c.kpis.map((k) => [k.scenario_id, k.name]));
  const rows = kpiRows(c.kpis);
  const sections = [
    csvLines([
      [l.kpiTitle],
      [l.indicator, ...names, ...names.slice(1).map(l.delta)],
      ...rows.map((r) => [l.kpi(r.id), ...r.cells.map((x) => x.text), ...r.cells.slice(1).map((x) => x.delta)]),
    ]),
    csvLines([
      [l.headcountTitle],
      [l.department, ...names],
      ...c.headcount.map((h) => [h.department, ...h.officers]),
    ]),
    csvLines([
      [l.flowsTitle],
      [l.scenario, l.fromOldUnit, l.toDepartment, l.officers],
      ...c.flows.map((f) => [nameById.get(f.scenario_id) ?? f.scenario_id, f.from_old_unit, f.to_department, f.officers]),
    ]),
    csvLines([
      [l.differencesTitle],
      [l.policeNumber, l.name, l.oldUnit, ...names],
      ...c.differences.map((d) => [d.police_number, d.name, l.oldUnitName(d.old_unit), ...d.placements]),
    ]),
  ];
  return `\uFEFF${sections.join('\r\n\r\n')}\r\n`;
}
