// Owns one scenario's history view: the audit rows (filtered by person and unit) and the
// result of verifying the chain. `summarise` turns a row into words. Renders nothing.
import { ApiError, type Backend } from '../backend';
import type { MessageKey } from '../i18n/messages';
import type { Overview, PersonView, Unit } from '../api';
import type { AuditEntry, AuditReport } from '../api';

export const HISTORY_LIMIT = 500;

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

interface Placement {
  unit?: string | null;
  pinned?: boolean;
}

const KNOWN_ACTIONS = [
  'create', 'branch', 'rename', 'notes', 'status', 'delete', 'restore', 'planner_name',
  'edit', 'undo', 'redo', 'draft', 'rules', 'background', 'import_roster',
] as const;

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
}

/** The action in words (an unknown action shows its own name). */
export function actionText(action: string, t: T): string {
  return (KNOWN_ACTIONS as readonly string[]).includes(action) ? t(`history.action.${action}` as MessageKey) : action;
}

/**
 * A row's "before → after" summary, one line per change (at most `max` people, then "+N more").
 * `unitName` turns a unit id into its name; a null unit means "back in the old unit".
 */
export function summarise(
  entry: AuditEntry,
  t: T,
  unitName: (id: string) => string,
  max = 5,
  personName: (policeNumber: string) => string = (p) => p,
): string[] {
  const d = obj(entry.detail);
  const place = (p: Placement | undefined) =>
    p?.unit ? unitName(p.unit) : t('history.oldUnit');
  switch (entry.action) {
    case 'edit':
    case 'undo':
    case 'redo':
    case 'draft': {
      const before = obj(d.before) as Record<string, Placement>;
      const after = obj(d.after) as Record<string, Placement>;
      const people = [...new Set([...Object.keys(before), ...Object.keys(after)])];
      const lines: string[] = [];
      if (typeof d.label === 'string' && d.label) lines.push(d.label);
      const changed = people.filter(
        (p) => (before[p]?.unit ?? null) !== (after[p]?.unit ?? null) || !!before[p]?.pinned !== !!after[p]?.pinned,
      );
      for (const p of changed.slice(0, max)) {
        const b = before[p];
        const a = after[p];
        if ((b?.unit ?? null) === (a?.unit ?? null))
          lines.push(t(a?.pinned ? 'history.pinned' : 'history.unpinned', { person: personName(p), unit: place(a) }));
        else lines.push(t('history.move', { person: personName(p), from: place(b), to: place(a) }));
      }
      if (changed.length > max) lines.push(t('history.more', { n: changed.length - max }));
      return lines;
    }
    case 'status':
      return [
        t('history.change', {
          from: t(`status.${str(d.before)}` as MessageKey),
          to: t(`status.${str(d.after)}` as MessageKey),
        }),
      ];
    case 'rename':
    case 'planner_name':
      return [t('history.change', { from: str(d.before) || '—', to: str(d.after) || '—' })];
    case 'notes':
    case 'background': {
      const b = str(d.before);
      const a = str(d.after);
      return [t('history.textChange', { from: b.length, to: a.length })];
    }
    case 'branch':
      return [t('history.branch', { from: str(d.from_name), name: str(d.name) })];
    case 'delete':
    case 'restore':
      return [str(d.name)];
    case 'create':
      return [t('history.create', { scenario: str(d.scenario), people: str(d.people) })];
    case 'rules':
      return [t('history.rules')];
    default:
      return [];
  }
}

export class HistoryController {
  scenarioId = $state<number | null>(null);
  person = $state('');
  unit = $state('');
  rows = $state.raw<AuditEntry[]>([]);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  report = $state.raw<AuditReport | null>(null);
  verifying = $state(false);
  /** The scenario's new units and today's units (names for the summaries, choices for the unit filter). */
  newUnits = $state.raw<Unit[]>([]);
  oldUnits = $state.raw<Unit[]>([]);
  private unitsFor: number | null | undefined = undefined;
  private seq = 0;
  /** Names by police number (the roster is the same in every scenario). */
  private names = $state.raw<Map<string, string>>(new Map());

  constructor(private readonly backend: Backend) {}

  personName = (policeNumber: string): string => {
    const name = this.names.get(policeNumber);
    return name ? `${policeNumber} ${name}` : policeNumber;
  };

  unitName = (id: string): string =>
    this.newUnits.find((u) => u.id === id)?.name ?? this.oldUnits.find((u) => u.id === id)?.name ?? id;

  async load(scenarioId: number | null = this.scenarioId): Promise<void> {
    this.scenarioId = scenarioId;
    const seq = ++this.seq;
    this.loading = true;
    this.error = null;
    const args: Record<string, unknown> = { limit: HISTORY_LIMIT };
    if (scenarioId !== null) args.scenario_id = scenarioId;
    if (this.person.trim()) args.person = this.person.trim();
    if (this.unit) args.unit = this.unit;
    try {
      const [rows, overview, people] = await Promise.all([
        this.backend.call('history', args),
        this.unitsFor === scenarioId
          ? Promise.resolve(null)
          : this.backend.call('overview', scenarioId === null ? {} : { scenario_id: scenarioId }),
        this.names.size ? Promise.resolve(null) : this.backend.call('people').catch(() => null),
      ]);
      if (people) this.names = new Map(people.map((p) => [p.police_number, p.name]));
      if (seq !== this.seq) return;
      if (overview) {
        this.newUnits = overview.new_units;
        this.oldUnits = overview.old_units;
        this.unitsFor = scenarioId;
      }
      this.rows = rows;
    } catch (e) {
      if (seq === this.seq) this.error = ApiError.from(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  async verify(): Promise<void> {
    this.verifying = true;
    this.error = null;
    try {
      this.report = await this.backend.call('audit_verify');
    } catch (e) {
      this.error = ApiError.from(e);
    } finally {
      this.verifying = false;
    }
  }
}
