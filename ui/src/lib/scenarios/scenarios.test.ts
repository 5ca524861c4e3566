import { describe, expect, it } from 'vitest';
import { ApiError } from '../backend';
import { ScenariosController, nameProblem, nextStatuses } from './scenarios.svelte';
import { fakeBackend } from './test-backend';
import type { ScenarioSummary, WorkspaceInfo } from '../api';

function scenario(id: number, name: string, extra: Partial<ScenarioSummary> = {}): ScenarioSummary {
  return { id, name, structure_name: '1+5(+N)+1', updated_at: '2026-11-23T06:00:00Z', status: 'draft', parent_id: null, notes: '', ...extra };
}

/** A tiny in-memory workspace behind the fake backend. */
function workspace() {
  const state = {
    scenarios: [scenario(1, '初始方案')],
    trash: [] as { id: number; name: string; deleted_at: string }[],
    current: 1,
    planner: '',
  };
  const info = (): WorkspaceInfo => ({
    bureau: { name: '青山县公安局', kind: 'county', as_of: '2026-12' },
    scenarios: state.scenarios.map((s) => ({ ...s })),
    current_scenario: state.current,
  });
  const find = (id: number) => state.scenarios.find((s) => s.id === id)!;
  const fake = fakeBackend({
    workspace_info: info,
    trash: () => state.trash,
    planner_name: () => state.planner,
    set_planner_name: ({ name }) => void (state.planner = name),
    open_scenario: ({ scenario_id }) => {
      if (!state.scenarios.some((s) => s.id === scenario_id)) throw new ApiError('not_found', `scenario ${scenario_id}`);
      state.current = scenario_id;
      return info();
    },
    create_scenario: ({ name, template }) => {
      const s = scenario(Math.max(...state.scenarios.map((x) => x.id)) + 1, name, {
        structure_name: template === 'blank' ? '现行机构' : template,
      });
      state.scenarios.push(s);
      return s;
    },
    branch_scenario: ({ from, name }) => {
      const s = scenario(Math.max(...state.scenarios.map((x) => x.id)) + 1, name, { parent_id: from });
      state.scenarios.push(s);
      return s;
    },
    rename_scenario: ({ scenario_id, name }) => {
      const s = find(scenario_id);
      if (s.status === 'approved') throw new ApiError('read_only', 'approved');
      s.name = name;
      return s;
    },
    set_scenario_notes: ({ scenario_id, notes }) => Object.assign(find(scenario_id), { notes }),
    set_scenario_status: ({ scenario_id, status }) => Object.assign(find(scenario_id), { status }),
    delete_scenario: ({ scenario_id }) => {
      const s = find(scenario_id);
      state.scenarios = state.scenarios.filter((x) => x !== s);
      state.trash.push({ id: s.id, name: s.name, deleted_at: '2026-11-23T07:00:00Z' });
      if (state.current === scenario_id) state.current = state.scenarios[0].id;
      return info();
    },
    restore_scenario: ({ scenario_id }) => {
      const t = state.trash.find((x) => x.id === scenario_id)!;
      state.trash = state.trash.filter((x) => x !== t);
      const s = scenario(t.id, t.name);
      state.scenarios.push(s);
      return s;
    },
  });
  return { ...fake, state };
}

describe('ScenariosController', () => {
  it('loads the list, the trash and the planner name', async () => {
    const { backend, calls } = workspace();
    const c = new ScenariosController(backend);
    await c.load();
    expect(calls.map((x) => x[0]).sort()).toEqual(['planner_name', 'trash', 'workspace_info']);
    expect(c.scenarios.map((s) => s.name)).toEqual(['初始方案']);
    expect(c.current?.id).toBe(1);
    expect(c.error).toBeNull();
  });

  it('creates a scenario from a template and opens it', async () => {
    const { backend, calls } = workspace();
    let reloads = 0;
    const c = new ScenariosController(backend, () => reloads++);
    await c.load();
    const id = await c.create(' 模板方案 ', '1+3+4+1', true);
    expect(id).toBe(2);
    expect(calls).toContainEqual(['create_scenario', { name: '模板方案', template: '1+3+4+1' }]);
    expect(calls).toContainEqual(['open_scenario', { scenario_id: 2 }]);
    expect(c.current?.structure_name).toBe('1+3+4+1');
    expect(reloads).toBe(1);
  });

  it('branches, opens the branch and tells the app to reload', async () => {
    const { backend, calls } = workspace();
    let reloads = 0;
    const c = new ScenariosController(backend, () => reloads++);
    await c.load();
    const id = await c.branch(1, '  分支A ', true);
    expect(id).toBe(2);
    expect(calls).toContainEqual(['branch_scenario', { from: 1, name: '分支A' }]);
    expect(calls).toContainEqual(['open_scenario', { scenario_id: 2 }]);
    expect(c.current?.name).toBe('分支A');
    expect(c.byId(2)?.parent_id).toBe(1);
    expect(reloads).toBe(1);
  });

  it('keeps the app as it is when a branch is not opened', async () => {
    const { backend } = workspace();
    let reloads = 0;
    const c = new ScenariosController(backend, () => reloads++);
    await c.load();
    await c.branch(1, '分支B');
    expect(c.current?.id).toBe(1);
    expect(reloads).toBe(0);
  });

  it('renames, annotates and moves the status on', async () => {
    const { backend, calls } = workspace();
    let reloads = 0;
    const c = new ScenariosController(backend, () => reloads++);
    await c.load();
    expect(await c.rename(1, '方案甲')).toBe(true);
    expect(reloads).toBe(1); // the header shows the current scenario's name
    expect(await c.setNotes(1, '说明')).toBe(true);
    expect(await c.setStatus(1, 'review')).toBe(true);
    expect(c.current?.status).toBe('review');
    expect(c.current?.notes).toBe('说明');
    expect(calls).toContainEqual(['set_scenario_status', { scenario_id: 1, status: 'review' }]);
  });

  it('keeps the error code when the backend refuses (read_only)', async () => {
    const { backend, state, calls } = workspace();
    state.scenarios[0].status = 'approved';
    const c = new ScenariosController(backend);
    await c.load();
    expect(await c.rename(1, '新名')).toBe(false);
    expect(c.error?.code).toBe('read_only');
    expect(c.busy).toBe(false);
    // The list was re-read, so it shows what the workspace holds now.
    expect(calls.filter((x) => x[0] === 'workspace_info').length).toBe(2);
    c.clearError();
    expect(c.error).toBeNull();
  });

  it('deletes to the trash, moves the current scenario on, and restores', async () => {
    const { backend } = workspace();
    let reloads = 0;
    const c = new ScenariosController(backend, () => reloads++);
    await c.load();
    await c.branch(1, '分支A');
    expect(await c.remove(1)).toBe(true);
    expect(c.current?.id).toBe(2);
    expect(reloads).toBe(1);
    expect(c.trash.map((x) => x.name)).toEqual(['初始方案']);
    expect(await c.restore(1)).toBe(true);
    expect(c.trash).toEqual([]);
    expect(c.scenarios.map((s) => s.id).sort()).toEqual([1, 2]);
  });

  it('sets the planner name', async () => {
    const { backend, calls } = workspace();
    const c = new ScenariosController(backend);
    expect(await c.setPlannerName(' 张三 ')).toBe(true);
    expect(calls[0]).toEqual(['set_planner_name', { name: '张三' }]);
    expect(c.planner).toBe('张三');
  });

  it('reports an open of a missing scenario as not_found', async () => {
    const { backend } = workspace();
    const c = new ScenariosController(backend);
    await c.load();
    expect(await c.open(9)).toBe(false);
    expect(c.error?.code).toBe('not_found');
  });
});

describe('scenario names and statuses', () => {
  const taken = [{ id: 1, name: '初始方案' }, { id: 7, name: '回收站里的' }];
  it('refuses empty, too long and duplicated names (the trash included)', () => {
    expect(nameProblem('   ', taken)).toBe('empty');
    expect(nameProblem('方'.repeat(61), taken)).toBe('tooLong');
    expect(nameProblem('方'.repeat(60), taken)).toBeNull();
    expect(nameProblem(' 初始方案 ', taken)).toBe('duplicate');
    expect(nameProblem('回收站里的', taken)).toBe('duplicate');
    expect(nameProblem('初始方案', taken, 1)).toBeNull(); // renaming to its own name
  });
  it('goes draft ⇄ review → approved', () => {
    expect(nextStatuses('draft')).toEqual(['review']);
    expect(nextStatuses('review')).toEqual(['draft', 'approved']);
    expect(nextStatuses('approved')).toEqual([]);
  });
});
