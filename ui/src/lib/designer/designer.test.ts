import { describe, expect, it } from 'vitest';
import { ApiError } from '../backend';
import { fakeBackend } from '../scenarios/test-backend';
import type { Unit } from '../api';
import { DesignerController } from './designer.svelte';
import type { StructureView } from '../api';

const u = (id: string, name: string): Unit => ({
  id,
  name,
  kind: 'department',
  tier: 'office',
  officer_establishment: 10,
  auxiliary_establishment: 0,
  head_posts: 1,
  deputy_posts: 1,
  operation: 'physical',
});

function view(units: Unit[], undo = false, placed: Record<string, number> = {}): StructureView {
  const ba = { before: 0, after: 0 };
  return {
    scenario_id: 7,
    read_only: false,
    structure: { name: '1+5(+N)+1', units, merge_map: [] },
    old_units: [u('o1', '刑侦大队')],
    establishment: units.map((x) => ({ unit: x.id, officers: x.officer_establishment, auxiliaries: x.auxiliary_establishment })),
    placed: units.map((x) => ({ unit: x.id, people: placed[x.id] ?? 0 })),
    check: { totals: { officer_establishment: ba, auxiliary_establishment: ba, posts: ba, head_posts: ba, deputy_posts: ba, internal_units: ba }, findings: [] },
    edit_state: { can_undo: undo, can_redo: false, revision: 0, undo_label: null, redo_label: null },
  };
}

describe('DesignerController', () => {
  it('sends each step for its scenario and selects the unit it created', async () => {
    const { backend, calls } = fakeBackend({
      structure: () => view([u('a', '指挥中心')]),
      edit_structure: () => ({ ...view([u('a', '指挥中心'), u('n-1', '新部门')], true), unplaced: [], created: 'n-1', dropped_rules: 0 }),
    });
    const d = new DesignerController(backend);
    await d.load();
    expect(await d.edit({ op: 'add_unit', name: '新部门', kind: 'department', tier: 'office' })).toBe(true);
    expect(calls[1]).toEqual(['edit_structure', { scenario_id: 7, edit: { op: 'add_unit', name: '新部门', kind: 'department', tier: 'office' } }]);
    expect(d.selected).toBe('n-1');
    expect(d.selectedUnit?.name).toBe('新部门');
    expect(d.changes).toBe(1);
  });

  it('asks before deleting a unit with people: cancel sends nothing, confirm deletes', async () => {
    const { backend, calls } = fakeBackend({
      structure: () => view([u('a', '指挥中心'), u('b', '治安大队')], false, { b: 3 }),
      edit_structure: () => ({ ...view([u('a', '指挥中心')], true), unplaced: ['P1', 'P2', 'P3'], created: null, dropped_rules: 0 }),
    });
    const d = new DesignerController(backend);
    await d.load();
    expect(await d.requestDelete('b')).toBe(false);
    expect(d.pendingDeletion).toEqual({ unit: 'b', name: '治安大队', people: 3 });
    d.cancelDeletion();
    expect(d.pendingDeletion).toBeNull();
    expect(calls.filter(([m]) => m === 'edit_structure')).toEqual([]);
    await d.requestDelete('b');
    expect(await d.confirmDeletion()).toBe(true);
    expect(calls.filter(([m]) => m === 'edit_structure')).toEqual([['edit_structure', { scenario_id: 7, edit: { op: 'delete_unit', unit: 'b' } }]]);
    expect(d.pendingDeletion).toBeNull();
    expect(d.notice?.unplaced).toBe(3);
  });

  it('deletes a unit nobody is placed in without asking', async () => {
    const { backend, calls } = fakeBackend({
      structure: () => view([u('a', '指挥中心'), u('b', '治安大队')]),
      edit_structure: () => ({ ...view([u('a', '指挥中心')], true), unplaced: [], created: null, dropped_rules: 0 }),
    });
    const d = new DesignerController(backend);
    await d.load();
    expect(await d.requestDelete('b')).toBe(true);
    expect(d.pendingDeletion).toBeNull();
    expect(calls.filter(([m]) => m === 'edit_structure').length).toBe(1);
  });

  it('tells how many people a deletion sent back, and forgets a deleted selection', async () => {
    const { backend } = fakeBackend({
      structure: () => view([u('a', '指挥中心'), u('b', '治安大队')]),
      edit_structure: () => ({ ...view([u('a', '指挥中心')], true), unplaced: ['P1', 'P2', 'P3'], created: null, dropped_rules: 1 }),
    });
    const d = new DesignerController(backend);
    await d.load();
    d.selected = 'b';
    await d.edit({ op: 'delete_unit', unit: 'b' });
    expect(d.notice).toEqual({ unit: '治安大队', unplaced: 3, droppedRules: 1 });
    expect(d.selected).toBeNull();
  });

  it('keeps a refused step with the unit and field it was about, and changes nothing', async () => {
    const before = view([u('a', '指挥中心')]);
    const { backend } = fakeBackend({
      structure: () => before,
      edit_structure: () => {
        throw new ApiError('invalid_structure', 'unit 指挥中心 (a), field head_posts: expected a whole number from 0 to 100, found -1');
      },
    });
    const d = new DesignerController(backend);
    await d.load();
    expect(await d.edit({ op: 'set_number', unit: 'a', field: 'head_posts', value: -1 })).toBe(false);
    expect(d.refusal?.error.code).toBe('invalid_structure');
    expect(d.refusal?.unit).toBe('指挥中心');
    expect(d.refusal?.field).toBe('head_posts');
    expect(d.view).toBe(before);
    expect(d.changes).toBe(0);
  });

  it('undoes through the shared edit log and re-reads the structure', async () => {
    let undone = false;
    const { backend, calls } = fakeBackend({
      structure: () => (undone ? view([u('a', '指挥中心')]) : view([u('a', '指挥中心'), u('b', '治安大队')], true)),
      undo: () => {
        undone = true;
        return {};
      },
    });
    const d = new DesignerController(backend);
    await d.load();
    expect(await d.undo()).toBe(true);
    expect(calls.map((c) => c[0])).toEqual(['structure', 'undo', 'structure']);
    expect(calls[1][1]).toEqual({ scenario_id: 7 });
    expect(d.view?.structure.units.map((x) => x.id)).toEqual(['a']);
    expect(await d.undo()).toBe(false);
  });

  it('does not send steps for an approved scenario', async () => {
    const { backend, calls } = fakeBackend({ structure: () => ({ ...view([u('a', '指挥中心')]), read_only: true }) });
    const d = new DesignerController(backend);
    await d.load();
    expect(await d.edit({ op: 'delete_unit', unit: 'a' })).toBe(false);
    expect(calls.map((c) => c[0])).toEqual(['structure']);
  });
});
