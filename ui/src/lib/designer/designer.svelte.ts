// Owns the structure designer's state for the current scenario: the structure with its live
// check, the selected unit, and what the last step did (people sent back, a refusal). Every
// change is one `edit_structure` step; undo/redo are the scenario's shared edit log. Renders
// nothing.
import { ApiError, type Backend } from '../backend';
import type { EditResult } from '../api';
import { stepSubject, treeRows, unmappedOldUnits, type StepField } from './tree';
import type { StructureEdit, StructureEditResult, StructureView } from '../api';

/** A refused step: the code to phrase, the unit and field it was about, the backend's detail. */
export interface Refusal {
  error: ApiError;
  unit: string | null;
  field: StepField | null;
}

/** A deletion waiting for the planner's yes: the unit, and how many people it sends back. */
export interface PendingDeletion {
  unit: string;
  name: string;
  people: number;
}

/** What the last deletion did to people and rules. */
export interface DeletionNotice {
  unit: string;
  unplaced: number;
  droppedRules: number;
}

export class DesignerController {
  view = $state.raw<StructureView | null>(null);
  error = $state.raw<ApiError | null>(null);
  refusal = $state.raw<Refusal | null>(null);
  notice = $state.raw<DeletionNotice | null>(null);
  /** A deletion that would send people back to 仍在原单位, asked about first. */
  pendingDeletion = $state.raw<PendingDeletion | null>(null);
  selected = $state<string | null>(null);
  /** An old unit to bring into view in the merge map (a finding's link). */
  focusedOld = $state<string | null>(null);
  pending = $state(0);
  /** Bumped on every change of the scenario, so other screens know to re-read it. */
  changes = $state(0);
  /** People placed in each unit or its sub-units: whom deleting it sends back. */
  placed = $derived(new Map((this.view?.placed ?? []).map((p) => [p.unit, p.people])));

  rows = $derived(this.view ? treeRows(this.view.structure.units) : []);
  unmapped = $derived(this.view ? unmappedOldUnits(this.view.old_units, this.view.structure.merge_map) : new Set<string>());
  readOnly = $derived(this.view?.read_only ?? true);
  /** 编制 with sub-units, by unit id, as the core defines it. */
  establishment = $derived(new Map((this.view?.establishment ?? []).map((e) => [e.unit, e])));
  /** Units that have sub-units: their 编制 fields are their own share only. */
  parents = $derived(new Set((this.view?.structure.units ?? []).flatMap((u) => (u.parent ? [u.parent] : []))));
  selectedUnit = $derived(this.view?.structure.units.find((u) => u.id === this.selected) ?? null);

  constructor(private readonly backend: Backend) {}

  async load(): Promise<void> {
    try {
      this.view = await this.backend.call('structure', {});
      this.error = null;
      if (this.selected && !this.view.structure.units.some((u) => u.id === this.selected)) this.selected = null;
    } catch (e) {
      this.error = ApiError.from(e);
    }
  }

  /** Applies one step; true when the backend took it. */
  async edit(step: StructureEdit): Promise<boolean> {
    const view = this.view;
    if (!view || view.read_only) return false;
    const subject = stepSubject(step, view.structure.units, view.old_units);
    const deleted = step.op === 'delete_unit' ? subject.unit : null;
    this.pending += 1;
    try {
      const result = await this.backend.call('edit_structure', { scenario_id: view.scenario_id, edit: step });
      this.view = result;
      this.refusal = null;
      this.changes += 1;
      if (result.created) this.selected = result.created;
      if (this.selected && !result.structure.units.some((u) => u.id === this.selected)) this.selected = null;
      this.notice = deleted === null ? null : { unit: deleted, unplaced: result.unplaced.length, droppedRules: result.dropped_rules };
      return true;
    } catch (e) {
      const error = ApiError.from(e);
      this.refusal = { error, ...subject };
      return false;
    } finally {
      this.pending -= 1;
    }
  }

  /**
   * Deletes a unit, asking first when people are placed in it or its sub-units (they would go
   * back to 仍在原单位): then the deletion waits in `pendingDeletion` for `confirmDeletion`.
   */
  async requestDelete(unit: string): Promise<boolean> {
    const view = this.view;
    const u = view?.structure.units.find((x) => x.id === unit);
    if (!view || view.read_only || !u) return false;
    const people = this.placed.get(unit) ?? 0;
    if (people > 0) {
      this.pendingDeletion = { unit, name: u.name, people };
      return false;
    }
    return this.edit({ op: 'delete_unit', unit });
  }

  /** The planner said yes: the waiting deletion is applied. */
  async confirmDeletion(): Promise<boolean> {
    const pending = this.pendingDeletion;
    this.pendingDeletion = null;
    return pending ? this.edit({ op: 'delete_unit', unit: pending.unit }) : false;
  }

  /** The planner said no: nothing changes. */
  cancelDeletion(): void {
    this.pendingDeletion = null;
  }

  undo(): Promise<boolean> {
    return this.view?.edit_state.can_undo ? this.replay('undo') : Promise.resolve(false);
  }

  redo(): Promise<boolean> {
    return this.view?.edit_state.can_redo ? this.replay('redo') : Promise.resolve(false);
  }

  dismiss(): void {
    this.refusal = null;
    this.notice = null;
  }

  private async replay(method: 'undo' | 'redo'): Promise<boolean> {
    const view = this.view;
    if (!view) return false;
    this.pending += 1;
    try {
      await this.backend.call(method, { scenario_id: view.scenario_id });
      this.refusal = null;
      this.notice = null;
      this.changes += 1;
      await this.load();
      return true;
    } catch (e) {
      this.refusal = { error: ApiError.from(e), unit: null, field: null };
      return false;
    } finally {
      this.pending -= 1;
    }
  }
}
