// Owns the planning board's state: the roster with its placements, the metrics, the rule
// results, the selection, filters and undo/redo. Every edit goes through the API in one call,
// and the screen applies what it answers (the changed people, the metrics and the rule
// results); renders nothing.
import { SvelteSet } from 'svelte/reactivity';
import { ApiError, type Args, type Backend } from '../backend';

/** The board's edits: each answers with the changed people, the metrics and the rule results. */
type EditMethod =
  | 'move_people'
  | 'set_pins'
  | 'set_exclusions'
  | 'set_community_role'
  | 'set_community_eligibility'
  | 'apply_changes'
  | 'undo'
  | 'redo';
import type { CommunityRoles, EditResult, Metrics, Overview, PersonView, RuleResult, SquadTable, StationTable } from '../api';
import { headDropWarning, type HeadDropWarning } from './head-drop';
import { WorkloadSettingsController } from './workload-settings.svelte';
import {
  emptyFilter,
  groupPeople,
  matches,
  StructureIndex,
  type Filter,
} from './model';

export interface EditInfo {
  can_undo: boolean;
  can_redo: boolean;
  revision: number;
  undo_label: string | null;
  redo_label: string | null;
}

export interface Highlight {
  ruleId: string;
  units: Set<string>;
  people: Set<string>;
}

export class BoardController {
  overview = $state.raw<Overview | null>(null);
  people = $state.raw<PersonView[]>([]);
  metrics = $state.raw<Metrics | null>(null);
  /** `null` while unknown or when the backend has no rule results (older backend). */
  rules = $state.raw<RuleResult[] | null>(null);
  /** Each station's demand against its officers; null without station figures. */
  workload = $state.raw<StationTable | null>(null);
  /** Each traffic squad's demand against staffed; null without squad figures. */
  squadWorkload = $state.raw<SquadTable | null>(null);
  edit = $state.raw<EditInfo>({ can_undo: false, can_redo: false, revision: 0, undo_label: null, redo_label: null });
  /** Calls in flight that change the scenario: the "saving…" marker. */
  pending = $state(0);
  error = $state.raw<ApiError | null>(null);
  loading = $state(false);
  filter = $state<Filter>(emptyFilter());
  selected = new SvelteSet<string>();
  highlight = $state.raw<Highlight | null>(null);
  /** Milliseconds of the last edit's round trip (API + applying it). */
  lastEditMs = $state<number | null>(null);
  /** Police numbers a drag in progress carries (drag events hide their data until the drop). */
  dragging = $state.raw<string[] | null>(null);
  /** A drop that takes unit heads or deputies out of their department, awaiting confirmation. */
  pendingDrop = $state.raw<(HeadDropWarning & { police_numbers: string[] }) | null>(null);
  /** The person whose exclusions menu (不宜调往) is open, and where on the screen. */
  exclusionMenu = $state.raw<{ police_number: string; x: number; y: number } | null>(null);
  /** Compact board: unit boxes show their counts only, except those expanded. */
  compact = $state(false);
  expanded = new SvelteSet<string>();

  index = $derived(this.overview ? new StructureIndex(this.overview.new_units, this.overview.merge_map) : null);
  visible = $derived(this.people.filter((p) => matches(p, this.filter)));
  groups = $derived(groupPeople(this.visible));
  private position = new Map<string, number>();

  /** The workload settings dialog (测算设置): a save reloads the rules and the stations' demand. */
  readonly workloadSettings: WorkloadSettingsController;

  constructor(private readonly backend: Backend) {
    this.workloadSettings = new WorkloadSettingsController(backend, this, () => this.refreshRules());
  }

  /** The scenario this board shows; every call names it, so that a scenario switched or
   *  deleted in another window is refused instead of another one being edited. */
  scenarioId = $derived(this.overview?.scenario.id ?? null);

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const overview = await this.backend.call('overview');
      const scope = { scenario_id: overview.scenario.id };
      const [people, edit] = await Promise.all([
        this.backend.call('people', scope),
        this.backend.call('edit_state', scope),
      ]);
      this.overview = overview;
      this.setPeople(people);
      this.metrics = edit.metrics;
      this.rules = edit.rules;
      this.edit = editInfo(edit);
      await this.refreshWorkload();
    } catch (e) {
      this.error = ApiError.from(e);
    } finally {
      this.loading = false;
    }
  }

  /** Reloads the rule results; a backend without them leaves the panel empty, not broken. */
  async refreshRules(): Promise<void> {
    try {
      this.rules = await this.backend.call('rule_results', this.scoped({}));
    } catch (e) {
      const err = ApiError.from(e);
      if (err.code !== 'unknown_method') this.error = err;
      this.rules = null;
    }
    await this.refreshWorkload();
  }

  /** Reloads the stations' and the traffic squads' demand against staffed; without figures (or
   *  a backend without the method) the board shows none of them. */
  async refreshWorkload(): Promise<void> {
    const [stations, squads] = await Promise.all([
      this.backend.call('station_workload', this.scoped({})).catch(() => null),
      this.backend.call('squad_workload', this.scoped({})).catch(() => null),
    ]);
    this.workload = stations?.has_figures ? stations : null;
    this.squadWorkload = squads?.has_figures ? squads : null;
  }

  person(police_number: string): PersonView | undefined {
    const i = this.position.get(police_number);
    return i === undefined ? undefined : this.people[i];
  }

  /** Moves people to a unit (pinned there); the selection if `police_numbers` is omitted. */
  move(to: string, police_numbers: string[] = [...this.selected], pin = true): Promise<boolean> {
    if (police_numbers.length === 0) return Promise.resolve(false);
    const unmoved = police_numbers.filter((pn) => this.person(pn)?.unit !== to);
    if (unmoved.length === 0) return Promise.resolve(false);
    return this.run('move_people', { police_numbers: unmoved, to, pin }, true);
  }

  /** What dropping `police_numbers` on unit `to` would break, or null when nothing to warn of. */
  dropWarning(to: string, police_numbers: string[]): HeadDropWarning | null {
    const unit = this.index?.units.get(to);
    if (!unit || !this.index) return null;
    const moving = police_numbers.map((pn) => this.person(pn)).filter((p): p is PersonView => p !== undefined);
    return headDropWarning(moving, unit, this.people, this.index);
  }

  /** A drop on a unit: moves at once, or asks first when it takes cadres out of their department. */
  drop(to: string, police_numbers: string[]): Promise<boolean> {
    const warning = this.dropWarning(to, police_numbers);
    if (warning) {
      this.pendingDrop = { ...warning, police_numbers };
      return Promise.resolve(false);
    }
    return this.move(to, police_numbers);
  }

  confirmDrop(): Promise<boolean> {
    const d = this.pendingDrop;
    this.pendingDrop = null;
    return d ? this.move(d.to, d.police_numbers) : Promise.resolve(false);
  }

  cancelDrop(): void {
    this.pendingDrop = null;
  }

  /** Whether a unit box lists its people (always, unless the board is compact). */
  isOpen(unit: string): boolean {
    return !this.compact || this.expanded.has(unit);
  }

  toggleOpen(unit: string): void {
    if (this.expanded.has(unit)) this.expanded.delete(unit);
    else this.expanded.add(unit);
  }

  setPinned(police_numbers: string[], pinned: boolean): Promise<boolean> {
    return this.run('set_pins', { police_numbers, pinned });
  }

  /** Replaces one person's exclusions (不宜调往: these units, and the whole grassroots when
   *  `grassroots`) as one undoable step. */
  setExclusions(police_number: string, units: string[], grassroots: boolean): Promise<boolean> {
    return this.run('set_exclusions', { police_number, units, grassroots });
  }

  /** Gives or takes one officer's community post (社区民警), or pins or unpins that role, as
   *  one undoable step. */
  setCommunityRole(police_number: string, change: { holds?: boolean; pinned?: boolean }): Promise<boolean> {
    return this.run('set_community_role', { police_number, ...change });
  }

  /** Sets the plan's community eligibility (an age limit, `null`: none) as one undoable step. */
  setCommunityEligibility(maxAge: number | null): Promise<boolean> {
    return this.run('set_community_eligibility', { max_age: maxAge });
  }

  /** Applies a change list as one undoable step; `fromSolve` when it is (part of) a solve
   *  result, so that the log tells accepting a solve from the planner's own changes; the
   *  solve's community roles, when given, are adopted in the same step. */
  applyChanges(
    changes: { police_number: string; to: string | null }[],
    label: string,
    fromSolve = false,
    community: CommunityRoles | null = null,
  ): Promise<boolean> {
    if (changes.length === 0 && community === null) return Promise.resolve(false);
    const args = fromSolve ? { changes, label, from_solve: true } : { changes, label };
    return this.run('apply_changes', community === null ? args : { ...args, community });
  }

  undo(): Promise<boolean> {
    return this.edit.can_undo ? this.run('undo', {}) : Promise.resolve(false);
  }

  redo(): Promise<boolean> {
    return this.edit.can_redo ? this.run('redo', {}) : Promise.resolve(false);
  }

  toggleSelected(police_number: string, additive: boolean): void {
    if (!additive) {
      const only = this.selected.has(police_number) && this.selected.size === 1;
      this.selected.clear();
      if (!only) this.selected.add(police_number);
      return;
    }
    if (this.selected.has(police_number)) this.selected.delete(police_number);
    else this.selected.add(police_number);
  }

  /** What a drag of `police_number` carries: the selection when the card is part of it. */
  dragSet(police_number: string): string[] {
    return this.selected.has(police_number) ? [...this.selected] : [police_number];
  }

  showRule(rule: RuleResult | null): void {
    if (!rule || this.highlight?.ruleId === rule.rule_id) {
      this.highlight = null;
      return;
    }
    this.highlight = { ruleId: rule.rule_id, units: new Set(rule.units), people: new Set(rule.people) };
  }

  private async run<M extends EditMethod>(method: M, args: Omit<Args<M>, 'scenario_id'>, clearSelection = false): Promise<boolean> {
    const started = performance.now();
    this.pending += 1;
    try {
      const result: EditResult = await this.backend.call<EditMethod>(method, this.scoped(args) as Args<EditMethod>);
      this.apply(result);
      // Exclusions are no placement: the step answers none, so the people are read again. A
      // community step answers everyone whose role, eligibility or role pin it changed.
      if (result.exclusions_changed) {
        this.setPeople(await this.backend.call('people', this.scoped({})));
      }
      if (clearSelection) this.selected.clear();
      this.error = null;
      this.lastEditMs = performance.now() - started;
      // The stations' demand is a panel of its own, read after the step when the board shows it.
      if (this.workload || this.squadWorkload) void this.refreshWorkload();
      return true;
    } catch (e) {
      this.error = ApiError.from(e);
      return false;
    } finally {
      this.pending -= 1;
    }
  }

  /** `args` naming this board's scenario (once it is known). */
  scoped<A extends object>(args: A): A & { scenario_id?: number } {
    return this.scenarioId === null ? args : { ...args, scenario_id: this.scenarioId };
  }

  private apply(result: EditResult): void {
    this.metrics = result.metrics;
    this.rules = result.rules;
    this.edit = editInfo(result);
    if (result.changed.length === 0) return;
    const next = this.people.slice();
    for (const c of result.changed) {
      const i = this.position.get(c.police_number);
      if (i === undefined) continue;
      next[i] = {
        ...next[i],
        unit: c.unit,
        pinned: c.pinned,
        moved: c.moved,
        community_role: c.community_role,
        community_eligible: c.community_eligible,
        community_pinned: c.community_pinned,
      };
    }
    this.people = next;
  }

  private setPeople(people: PersonView[]): void {
    this.position = new Map(people.map((p, i) => [p.police_number, i]));
    this.people = people;
  }
}

function editInfo(r: EditResult): EditInfo {
  return {
    can_undo: r.can_undo,
    can_redo: r.can_redo,
    revision: r.revision,
    undo_label: r.undo_label,
    redo_label: r.redo_label,
  };
}
