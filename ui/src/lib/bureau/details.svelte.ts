// The bureau's details (name, kind, base month, background) as the 本局信息 dialog edits them:
// read, saved as one `set_bureau_info`, and, after a kind change, the scenarios whose own ratio
// rules still differ from the new kind's defaults, each switchable. Renders nothing.
import { ApiError, type Backend } from '../backend';
import type { BureauKind } from '../api';

export interface RatioRules {
  scenario_id: number;
  scenario_name: string;
  station_share: number | null;
  community_share: number | null;
  default_share: number;
  differs: boolean;
  approved: boolean;
}

export interface BureauDetails {
  bureau: { name: string; kind: BureauKind; as_of: string; background?: string | null };
  ratio_rules: RatioRules[];
}

export interface DetailsForm {
  name: string;
  kind: BureauKind;
  as_of: string;
  background: string;
}

export class BureauDetailsController {
  details = $state.raw<BureauDetails | null>(null);
  error = $state.raw<ApiError | null>(null);
  busy = $state(false);
  saved = $state(false);
  /** Scenarios whose ratio rules differ from the kind just chosen: offered a switch. */
  offer = $state.raw<RatioRules[]>([]);
  switched = $state.raw<Set<number>>(new Set());

  constructor(private readonly backend: Backend) {}

  async load(): Promise<void> {
    try {
      this.details = await this.backend.call('bureau_info');
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  /** Saves the fields that differ from what is stored; true when it went through. */
  async save(form: DetailsForm): Promise<boolean> {
    const now = this.details?.bureau;
    if (!now) return false;
    const args: Partial<DetailsForm> = {};
    if (form.name !== now.name) args.name = form.name;
    if (form.kind !== now.kind) args.kind = form.kind;
    if (form.as_of !== now.as_of) args.as_of = form.as_of;
    if (form.background !== (now.background ?? '')) args.background = form.background;
    this.busy = true;
    try {
      const next = await this.backend.call('set_bureau_info', args);
      this.details = next;
      this.error = null;
      this.saved = true;
      this.offer = args.kind ? next.ratio_rules.filter((r) => r.differs && !r.approved) : [];
      this.switched = new Set();
      return true;
    } catch (e) {
      this.error = ApiError.from(e);
      this.saved = false;
      return false;
    } finally {
      this.busy = false;
    }
  }

  async switchRatios(scenario_id: number): Promise<void> {
    this.busy = true;
    try {
      this.details = await this.backend.call('switch_ratio_rules', { scenario_id });
      this.switched = new Set([...this.switched, scenario_id]);
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e);
    } finally {
      this.busy = false;
    }
  }
}
