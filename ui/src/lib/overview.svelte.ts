// Owns the overview of the current scenario: loads it through the backend; renders nothing.
import { ApiError, type Backend } from './backend';
import type { Overview, UnitMetrics } from './types';

export class OverviewController {
  overview = $state<Overview | null>(null);
  loading = $state(false);
  error = $state<ApiError | null>(null);

  constructor(private readonly backend: Backend) {}

  async load(scenarioId?: number): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.overview = await this.backend.call<Overview>(
        'overview',
        scenarioId === undefined ? {} : { scenario_id: scenarioId },
      );
    } catch (e) {
      this.error = ApiError.from(e);
    } finally {
      this.loading = false;
    }
  }
}

/** Unit metrics by unit id. */
export function metricsById(list: UnitMetrics[]): Map<string, UnitMetrics> {
  return new Map(list.map((m) => [m.unit_id, m]));
}
