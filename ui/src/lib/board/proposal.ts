// The order a solve proposal is read in: office departments as the structure lists them, then
// the stations and squads, each with its count, its rows by reason, so that the same plan
// always reads the same; and how many moves each reason accounts for.
import type { Move, MoveReason } from '../api';

/** Why a person is placed where a plan puts them (bureau-core's move_reasons), in the order
 *  the core tries them: the first that applies is the move's reason. */
export const MOVE_REASONS: readonly MoveReason[] = [
  'pinned',
  'function_transfer',
  'wish',
  'seniors_down',
  'speciality',
  'strengthen_station',
  'fill_establishment',
  'cross_department',
  'grassroots',
];
import type { BoardLayout, ChangeRow } from './model';

export interface ProposalSection {
  tier: 'office' | 'grassroots';
  /** People proposed to move into this tier. */
  count: number;
  groups: { unit: string; rows: ChangeRow[] }[];
}

export function orderedProposal(changes: Map<string, ChangeRow[]>, layout: BoardLayout): ProposalSection[] {
  const seen = new Set<string>();
  const section = (tier: ProposalSection['tier'], ids: string[]): ProposalSection => {
    const groups = ids.flatMap((unit) => {
      const rows = changes.get(unit);
      if (!rows?.length) return [];
      seen.add(unit);
      return [{ unit, rows: byReason(rows) }];
    });
    return { tier, count: groups.reduce((n, g) => n + g.rows.length, 0), groups };
  };
  const office = section('office', layout.office.map((g) => g.unit.id));
  const grassroots = section('grassroots', layout.grassroots.map((g) => g.unit.id));
  // A destination the layout does not know (never expected) still shows, last, not lost.
  for (const [unit, rows] of changes) {
    if (!seen.has(unit) && rows.length) {
      office.groups.push({ unit, rows: byReason(rows) });
      office.count += rows.length;
    }
  }
  return [office, grassroots].filter((s) => s.groups.length > 0);
}

const rank = (r: ChangeRow) => MOVE_REASONS.indexOf(r.reason ?? 'function_transfer');

/** Rows in reason order (stable: the same reason keeps the roster order). */
function byReason(rows: ChangeRow[]): ChangeRow[] {
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/** People adjusted by reason, in reason order, reasons nobody has left out: the core's moves,
 *  so the counts are the adjustment list's and the document's. */
export function reasonCounts(moves: Move[]): { reason: MoveReason; n: number }[] {
  return MOVE_REASONS.map((reason) => ({ reason, n: moves.filter((m) => m.reason === reason).length })).filter(
    (c) => c.n > 0,
  );
}
