// The workload settings (测算设置) of the board's scenario: the weights of the station figures
// and the floor per station that the rule `station_workload` measures demand with, and the
// traffic squads' own (rule `squad_workload`) when the bureau has squad figures. Loads them,
// lets the planner edit them as text fields, checks each against its bounds and shows the
// formula with the weights as shares before sending; saves or restores the defaults; renders
// nothing. The backend checks the bounds again and answers bad_request.
import { ApiError, type Backend } from '../backend';
import type { SquadWeights, WorkloadSettingsView, WorkloadWeights } from '../api';

export const FACTORS = ['population', 'calls', 'criminal_cases', 'public_order_cases', 'area', 'villages'] as const;
export type Factor = (typeof FACTORS)[number];
export const SQUAD_FACTORS = ['road_km', 'accidents', 'traffic_calls', 'vehicles'] as const;
export type SquadFactor = (typeof SQUAD_FACTORS)[number];
export type { WorkloadSettingsView, WorkloadWeights } from '../api';

/** As the core's `WorkloadWeights::invalid_field`: each weight in [0, 1000]. */
export const MAX_FACTOR_WEIGHT = 1000;
/** As the core's `limits::MAX_COUNT` for a rule's counts. */
export const MAX_FLOOR = 100_000;

export function parseFactorWeight(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= 0 && n <= MAX_FACTOR_WEIGHT ? n : null;
}

export function parseFloor(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= MAX_FLOOR ? n : null;
}

/** Each weight's share of their sum (what the formula divides by), or null when none is positive. */
export function normalised<F extends string = Factor>(
  weights: Partial<Record<F, number | null>>,
  factors: readonly F[] = FACTORS as unknown as readonly F[],
): Record<F, number> | null {
  const sum = factors.reduce((s, f) => s + (weights[f] ?? 0), 0);
  if (!(sum > 0)) return null;
  return Object.fromEntries(factors.map((f) => [f, (weights[f] ?? 0) / sum])) as Record<F, number>;
}

interface Scoped {
  scoped(args: object): object;
}

type Fields = Record<Factor | 'min_officers', string>;
type SquadFields = Record<SquadFactor | 'min_officers', string>;

export class WorkloadSettingsController {
  open = $state(false);
  view = $state.raw<WorkloadSettingsView | null>(null);
  fields = $state<Fields>(blank());
  squadFields = $state<SquadFields>(squadBlank());
  error = $state.raw<ApiError | null>(null);
  saving = $state(false);

  /** Fields that do not hold a value within their bounds; `sum` when no weight is positive. */
  invalid = $derived.by(() => {
    const bad: (Factor | 'min_officers' | 'sum')[] = FACTORS.filter((f) => parseFactorWeight(this.fields[f]) === null);
    if (parseFloor(this.fields.min_officers) === null) bad.push('min_officers');
    if (bad.length === 0 && this.shares === null) bad.push('sum');
    return bad;
  });

  /** The weights as shares of their sum, as the formula uses them. */
  shares = $derived(normalised(Object.fromEntries(FACTORS.map((f) => [f, parseFactorWeight(this.fields[f])]))));

  /** The squads' half shows (and is sent) when the bureau has squad figures or the rule. */
  hasSquads = $derived(!!this.view && (this.view.squads.has_figures || this.view.squads.has_rule));

  /** The squads' fields out of bounds, as `invalid`. */
  squadInvalid = $derived.by(() => {
    if (!this.hasSquads) return [];
    const bad: (SquadFactor | 'min_officers' | 'sum')[] = SQUAD_FACTORS.filter(
      (f) => parseFactorWeight(this.squadFields[f]) === null,
    );
    if (parseFloor(this.squadFields.min_officers) === null) bad.push('min_officers');
    if (bad.length === 0 && this.squadShares === null) bad.push('sum');
    return bad;
  });

  squadShares = $derived(
    normalised<SquadFactor>(
      Object.fromEntries(SQUAD_FACTORS.map((f) => [f, parseFactorWeight(this.squadFields[f])])),
      SQUAD_FACTORS,
    ),
  );

  constructor(
    private readonly backend: Backend,
    private readonly board: Scoped,
    /** Called after a save: the board reloads the rules and the stations' demand. */
    private readonly saved: () => void | Promise<void> = () => {},
  ) {}

  async show(): Promise<void> {
    this.error = null;
    this.open = true;
    try {
      this.fill(await this.backend.call('workload_settings', this.board.scoped({})));
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  close(): void {
    this.open = false;
  }

  async save(): Promise<boolean> {
    if (this.invalid.length > 0 || this.squadInvalid.length > 0) return false;
    const weights = Object.fromEntries(FACTORS.map((f) => [f, parseFactorWeight(this.fields[f])])) as WorkloadWeights;
    const squadWeights = Object.fromEntries(
      SQUAD_FACTORS.map((f) => [f, parseFactorWeight(this.squadFields[f])]),
    ) as SquadWeights;
    const squads = this.hasSquads
      ? { weights: squadWeights, min_officers: parseFloor(this.squadFields.min_officers) }
      : null;
    return this.send(weights, parseFloor(this.fields.min_officers), squads);
  }

  /** The default weights and floors (the squads' too, when they show). */
  async reset(): Promise<boolean> {
    return this.send(null, null, this.hasSquads ? { weights: null, min_officers: null } : null);
  }

  private async send(
    weights: WorkloadWeights | null,
    min_officers: number | null,
    squads: { weights: SquadWeights | null; min_officers: number | null } | null,
  ): Promise<boolean> {
    this.saving = true;
    this.error = null;
    try {
      this.fill(
        await this.backend.call('set_workload_settings', this.board.scoped({ weights, min_officers, squads })),
      );
      this.open = false;
      await this.saved();
      return true;
    } catch (e) {
      this.error = ApiError.from(e);
      return false;
    } finally {
      this.saving = false;
    }
  }

  private fill(view: WorkloadSettingsView): void {
    this.view = view;
    this.fields = {
      ...(Object.fromEntries(FACTORS.map((f) => [f, String(view.weights[f])])) as Record<Factor, string>),
      min_officers: String(view.min_officers),
    };
    this.squadFields = {
      ...(Object.fromEntries(SQUAD_FACTORS.map((f) => [f, String(view.squads.weights[f])])) as Record<SquadFactor, string>),
      min_officers: String(view.squads.min_officers),
    };
  }
}

function blank(): Fields {
  return { ...(Object.fromEntries(FACTORS.map((f) => [f, ''])) as Record<Factor, string>), min_officers: '' };
}

function squadBlank(): SquadFields {
  return { ...(Object.fromEntries(SQUAD_FACTORS.map((f) => [f, ''])) as Record<SquadFactor, string>), min_officers: '' };
}
