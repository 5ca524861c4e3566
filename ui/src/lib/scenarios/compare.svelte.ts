// Owns the compare view: which 2–4 scenarios, the Comparison the API answers, each compared
// scenario's structure (for the grouped Sankey), the difference filters and the Sankey's
// scenario. When the structures differ, the differences are taken by function from each
// scenario's roster view (`flows.ts`). Renders nothing.
import { ApiError, type Backend } from '../backend';
import type { Overview, PersonView, Unit } from '../api';
import { filterDifferences, kpiRows, type KpiRow } from './compare-model';
import { functionDifferences, sameStructure, type FunctionDifference, type ScenarioStructure } from './flows';
import type { Comparison, PlacementDifference } from '../api';

export const MAX_COMPARED = 4;

export class CompareController {
  /** The compared scenario ids, in order; the first is the baseline for deltas. */
  selected = $state<number[]>([]);
  comparison = $state.raw<Comparison | null>(null);
  /** Today's units (for the old-unit filter and names): the same in every scenario. */
  oldUnits = $state.raw<Unit[]>([]);
  loading = $state(false);
  error = $state.raw<ApiError | null>(null);
  search = $state('');
  oldUnit = $state('');
  sankeyScenario = $state<number | null>(null);
  /** Each compared scenario's structure, in the compared order. */
  structures = $state.raw<ScenarioStructure[]>([]);
  /** The differences by function when the structures differ; null: by unit (the API's list). */
  byFunction = $state.raw<FunctionDifference[] | null>(null);

  /** Only the latest load's answer is kept (an older one may arrive later). */
  private seq = 0;

  constructor(private readonly backend: Backend) {}

  get canCompare(): boolean {
    return this.selected.length >= 2 && this.selected.length <= MAX_COMPARED;
  }

  isSelected(id: number): boolean {
    return this.selected.includes(id);
  }

  /** Adds or removes a scenario (at most four). */
  toggle(id: number): void {
    if (this.selected.includes(id)) this.selected = this.selected.filter((x) => x !== id);
    else if (this.selected.length < MAX_COMPARED) this.selected = [...this.selected, id];
  }

  /** Makes a compared scenario the baseline. */
  makeBaseline(id: number): void {
    if (!this.selected.includes(id)) return;
    this.selected = [id, ...this.selected.filter((x) => x !== id)];
  }

  /** Drops ids that no longer exist (deleted scenarios). */
  keepOnly(ids: number[]): void {
    const kept = this.selected.filter((x) => ids.includes(x));
    if (kept.length !== this.selected.length) this.selected = kept;
  }

  async load(): Promise<void> {
    if (!this.canCompare) return;
    const seq = ++this.seq;
    this.loading = true;
    this.error = null;
    try {
      const ids = [...this.selected];
      const [comparison, ...overviews] = await Promise.all([
        this.backend.call('compare', { scenario_ids: ids }),
        ...ids.map((id) => this.backend.call('overview', { scenario_id: id })),
      ]);
      if (seq !== this.seq) return;
      const structures = overviews.map((o) => ({ new_units: o.new_units ?? [], merge_map: o.merge_map ?? [] }));
      let byFunction: FunctionDifference[] | null = null;
      if (!sameStructure(structures)) {
        const people = await Promise.all(ids.map((id) => this.backend.call('people', { scenario_id: id })));
        if (seq !== this.seq) return;
        byFunction = functionDifferences(people, structures);
      }
      this.oldUnits = overviews[0]?.old_units ?? this.oldUnits;
      this.structures = structures;
      this.byFunction = byFunction;
      this.comparison = comparison;
      const shown = comparison.kpis.map((k) => k.scenario_id);
      if (this.sankeyScenario === null || !shown.includes(this.sankeyScenario)) this.sankeyScenario = shown[0] ?? null;
    } catch (e) {
      if (seq === this.seq) this.error = ApiError.from(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  get kpis(): KpiRow[] {
    return this.comparison ? kpiRows(this.comparison.kpis) : [];
  }

  get differences(): PlacementDifference[] {
    return this.comparison ? filterDifferences(this.comparison.differences, this.search, this.oldUnit) : [];
  }

  get functionDifferences(): FunctionDifference[] {
    return this.byFunction ? filterDifferences(this.byFunction, this.search, this.oldUnit) : [];
  }

  /** How many people are placed differently, by the measure in use. */
  get differenceTotal(): number {
    return this.byFunction?.length ?? this.comparison?.differences.length ?? 0;
  }

  /** The structure of a compared scenario (for the Sankey's grouping). */
  structureOf(scenarioId: number): ScenarioStructure | null {
    const i = this.comparison?.kpis.findIndex((k) => k.scenario_id === scenarioId) ?? -1;
    return this.structures[i] ?? null;
  }

  /** Old units that have someone in the difference list (the filter's choices). */
  get differenceUnits(): Unit[] {
    const used = new Set((this.byFunction ?? this.comparison?.differences ?? []).map((d) => d.old_unit));
    return this.oldUnits.filter((u) => used.has(u.id));
  }

  oldUnitName(id: string): string {
    return this.oldUnits.find((u) => u.id === id)?.name ?? id;
  }
}
