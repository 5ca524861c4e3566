// The solve settings (求解设置) of the board's scenario: loads its weights, lets the planner edit
// them as text fields, checks each against its bounds before sending, and saves or restores the
// defaults; renders nothing. The backend checks the bounds again and answers bad_request.
import { ApiError, type Backend } from '../backend';
import type { Weights, WeightsView } from '../api';

export const WEIGHT_NAMES = [
  'move',
  'cadre_move',
  'transfer',
  'wish',
  'senior',
  'establishment',
  'community_role',
] as const;
export type WeightName = (typeof WEIGHT_NAMES)[number];
export type { Weights, WeightsView } from '../api';

/** The largest value a weight may take (as the core's `Weights::validate`). */
export function maxOf(name: WeightName): number {
  return name === 'wish' ? 1 : 1000;
}

/** The weight named `name` read from `text`, or null when it is not a number within bounds. */
export function parseWeight(name: WeightName, text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= 0 && n <= maxOf(name) ? n : null;
}

interface Scoped {
  scoped(args: object): object;
  /** Sets the plan's community eligibility as a board step (its answer updates the gauges). */
  setCommunityEligibility?(maxAge: number | null): Promise<boolean>;
}

/** The community age limit typed: a whole age 18–100, `null` for none (empty), or `undefined`
 *  when the text is neither. */
export function parseMaxAge(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isInteger(n) && n >= 18 && n <= 100 ? n : undefined;
}

export class WeightsController {
  open = $state(false);
  view = $state.raw<WeightsView | null>(null);
  /** What the fields hold, as typed. */
  fields = $state<Record<WeightName, string>>(blank());
  error = $state.raw<ApiError | null>(null);
  saving = $state(false);
  /** The community age limit (社区民警年龄上限) as typed; empty: none. */
  maxAge = $state('');
  maxAgeInvalid = $derived(parseMaxAge(this.maxAge) === undefined);

  /** Fields that do not hold a number within their bounds. */
  invalid = $derived(WEIGHT_NAMES.filter((n) => parseWeight(n, this.fields[n]) === null));

  constructor(
    private readonly backend: Backend,
    private readonly board: Scoped,
  ) {}

  async show(): Promise<void> {
    this.error = null;
    this.open = true;
    try {
      this.fill(await this.backend.call('weights', this.board.scoped({})));
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError('internal', String(e));
    }
  }

  close(): void {
    this.open = false;
  }

  async save(): Promise<boolean> {
    if (this.invalid.length > 0 || this.maxAgeInvalid) return false;
    const maxAge = parseMaxAge(this.maxAge) ?? null;
    if (maxAge !== (this.view?.community_max_age ?? null) && this.board.setCommunityEligibility) {
      if (!(await this.board.setCommunityEligibility(maxAge))) return false;
    }
    const weights = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, parseWeight(n, this.fields[n])])) as Weights;
    return this.send(weights);
  }

  /** Back to the defaults (the scenario stops storing its own weights). */
  async reset(): Promise<boolean> {
    return this.send(null);
  }

  private async send(weights: Weights | null): Promise<boolean> {
    this.saving = true;
    this.error = null;
    try {
      this.fill(await this.backend.call('set_weights', this.board.scoped({ weights })));
      this.open = false;
      return true;
    } catch (e) {
      this.error = e instanceof ApiError ? e : new ApiError('internal', String(e));
      return false;
    } finally {
      this.saving = false;
    }
  }

  private fill(view: WeightsView): void {
    this.view = view;
    this.maxAge = view.community_max_age === null ? '' : String(view.community_max_age);
    this.fields = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, String(view.weights[n])])) as Record<WeightName, string>;
  }
}

function blank(): Record<WeightName, string> {
  return Object.fromEntries(WEIGHT_NAMES.map((n) => [n, ''])) as Record<WeightName, string>;
}
