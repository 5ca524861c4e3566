// Owns the overview of the current scenario: loads it and its rule results (for the next-step
// line) through the backend; renders nothing.
import { ApiError, type Backend } from './backend';
import type { Overview, RuleResult, SquadTable, StationTable, UnitMetrics } from './api';

export class OverviewController {
  overview = $state<Overview | null>(null);
  loading = $state(false);
  error = $state<ApiError | null>(null);
  /** `null` while unknown or when the backend has no rule results. */
  rules = $state.raw<RuleResult[] | null>(null);
  /** Each station's demand against its officers; null without station figures. */
  workload = $state.raw<StationTable | null>(null);
  /** Each traffic squad's demand against its officers; null without squad figures. */
  squadWorkload = $state.raw<SquadTable | null>(null);

  constructor(private readonly backend: Backend) {}

  async load(scenarioId?: number): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.overview = await this.backend.call(
        'overview',
        scenarioId === undefined ? {} : { scenario_id: scenarioId },
      );
      await this.loadRules(this.overview.scenario?.id);
      await this.loadWorkload(this.overview.scenario?.id);
    } catch (e) {
      this.error = ApiError.from(e);
    } finally {
      this.loading = false;
    }
  }

  /** The stations' and squads' demand is advice too: without figures (or the method) none shows. */
  private async loadWorkload(scenarioId: number | undefined): Promise<void> {
    const args = scenarioId === undefined ? {} : { scenario_id: scenarioId };
    const [stations, squads] = await Promise.all([
      this.backend.call('station_workload', args).catch(() => null),
      this.backend.call('squad_workload', args).catch(() => null),
    ]);
    this.workload = stations?.has_figures ? stations : null;
    this.squadWorkload = squads?.has_figures ? squads : null;
  }

  /** The rule results are advice only: without them the overview still shows. */
  private async loadRules(scenarioId: number | undefined): Promise<void> {
    try {
      this.rules = await this.backend.call('rule_results', scenarioId === undefined ? {} : { scenario_id: scenarioId });
    } catch {
      this.rules = null;
    }
  }
}

/** Unit metrics by unit id. */
export function metricsById(list: UnitMetrics[]): Map<string, UnitMetrics> {
  return new Map(list.map((m) => [m.unit_id, m]));
}
