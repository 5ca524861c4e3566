// Owns the workspace's scenarios: the list, the trash and the planner's name, and every
// lifecycle action (open, branch, rename, notes, status, delete, restore). Renders nothing.
import { ApiError, type Backend } from '../backend';
import type { ScenarioStatus, ScenarioSummary, TrashedScenario, WorkspaceInfo } from '../api';
import { busyCall } from '../busy-call';

export const NAME_MAX = 60;
export const NOTES_MAX = 20_000;

export type NameProblem = 'empty' | 'tooLong' | 'duplicate';

/** Why a scenario name would be refused (trimmed, 1–60 characters, unique with the trash). */
export function nameProblem(
  name: string,
  taken: { id: number; name: string }[],
  self?: number,
): NameProblem | null {
  const n = name.trim();
  if (!n) return 'empty';
  if ([...n].length > NAME_MAX) return 'tooLong';
  if (taken.some((s) => s.id !== self && s.name === n)) return 'duplicate';
  return null;
}

/** The statuses a scenario may move to next: draft ⇄ review → approved. */
export function nextStatuses(status: ScenarioStatus): ScenarioStatus[] {
  if (status === 'draft') return ['review'];
  if (status === 'review') return ['draft', 'approved'];
  return [];
}

/** The structure templates `create_scenario` offers. */
export const TEMPLATES = ['1+5(+N)+1', '1+3+4+1', 'blank'] as const;
export type StructureTemplate = (typeof TEMPLATES)[number];

export class ScenariosController {
  workspace = $state.raw<WorkspaceInfo | null>(null);
  trash = $state.raw<TrashedScenario[]>([]);
  planner = $state('');
  loading = $state(false);
  busy = $state(false);
  error = $state.raw<ApiError | null>(null);

  /** `onCurrentChanged` runs when the current scenario changes or is renamed: the rest of the app reloads. */
  constructor(
    private readonly backend: Backend,
    private readonly onCurrentChanged: () => void = () => {},
  ) {}

  get scenarios(): ScenarioSummary[] {
    return this.workspace?.scenarios ?? [];
  }

  get current(): ScenarioSummary | null {
    const w = this.workspace;
    return w?.scenarios.find((s) => s.id === w.current_scenario) ?? null;
  }

  byId(id: number | null | undefined): ScenarioSummary | undefined {
    return this.scenarios.find((s) => s.id === id);
  }

  /** Every name in use, the trash included (names must be unique across both). */
  get takenNames(): { id: number; name: string }[] {
    return [...this.scenarios, ...this.trash];
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const [workspace, trash, planner] = await Promise.all([
        this.backend.call('workspace_info'),
        this.backend.call('trash'),
        this.backend.call('planner_name'),
      ]);
      this.workspace = workspace;
      this.trash = trash;
      this.planner = planner;
    } catch (e) {
      this.error = ApiError.from(e);
    } finally {
      this.loading = false;
    }
  }

  clearError(): void {
    this.error = null;
  }

  /** Runs one action; on success reloads the list (and tells the app if the current scenario changed). */
  private async act(run: () => Promise<unknown>, { touchesCurrent = false } = {}): Promise<boolean> {
    this.busy = true;
    this.error = null;
    const before = this.workspace?.current_scenario;
    try {
      await run();
    } catch (e) {
      // Refused: show why, and re-read the list (another window may have changed it).
      const error = ApiError.from(e);
      await this.load();
      this.error = error;
      this.busy = false;
      return false;
    }
    await this.load();
    this.busy = false;
    if (touchesCurrent || this.workspace?.current_scenario !== before) this.onCurrentChanged();
    return this.error === null;
  }

  open(id: number): Promise<boolean> {
    return this.act(() => this.backend.call('open_scenario', { scenario_id: id }), { touchesCurrent: true });
  }

  /** A new draft copied from `from`; opened when `open` is set. */
  async branch(from: number, name: string, open = false): Promise<number | null> {
    let created: ScenarioSummary | null = null;
    const ok = await this.act(async () => {
      created = await this.backend.call('branch_scenario', { from, name: name.trim() });
      if (open) await this.backend.call('open_scenario', { scenario_id: created.id });
    }, { touchesCurrent: open });
    return ok && created ? (created as ScenarioSummary).id : null;
  }

  /** A new draft built from a structure template; opened when `open` is set. */
  async create(name: string, template: StructureTemplate, open = false): Promise<number | null> {
    let created: ScenarioSummary | null = null;
    const ok = await this.act(async () => {
      created = await this.backend.call('create_scenario', { name: name.trim(), template });
      if (open) await this.backend.call('open_scenario', { scenario_id: created.id });
    }, { touchesCurrent: open });
    return ok && created ? (created as ScenarioSummary).id : null;
  }

  rename(id: number, name: string): Promise<boolean> {
    return this.act(() => this.backend.call('rename_scenario', { scenario_id: id, name: name.trim() }), {
      touchesCurrent: id === this.workspace?.current_scenario,
    });
  }

  setNotes(id: number, notes: string): Promise<boolean> {
    return this.act(() => this.backend.call('set_scenario_notes', { scenario_id: id, notes }));
  }

  setStatus(id: number, status: ScenarioStatus): Promise<boolean> {
    return this.act(() => this.backend.call('set_scenario_status', { scenario_id: id, status }), {
      touchesCurrent: id === this.workspace?.current_scenario,
    });
  }

  remove(id: number): Promise<boolean> {
    return this.act(() => this.backend.call('delete_scenario', { scenario_id: id }));
  }

  restore(id: number): Promise<boolean> {
    return this.act(() => this.backend.call('restore_scenario', { scenario_id: id }));
  }

  async setPlannerName(name: string): Promise<boolean> {
    const planner = await busyCall(this, async () => {
      await this.backend.call('set_planner_name', { name: name.trim() });
      return this.backend.call('planner_name');
    });
    if (planner !== null) this.planner = planner;
    return planner !== null;
  }
}
