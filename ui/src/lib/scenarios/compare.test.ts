import { describe, expect, it } from 'vitest';
import { ApiError } from '../backend';
import { translate } from '../i18n/locale.svelte';
import { zhCN } from '../i18n/zh-CN';
import { comparisonCsv, filterDifferences, kpiRows, type CsvLabels } from './compare-model';
import { CompareController } from './compare.svelte';
import { fakeBackend } from './test-backend';
import type { Comparison, ScenarioKpis } from '../api';

function kpis(id: number, name: string, extra: Partial<ScenarioKpis> = {}): ScenarioKpis {
  return {
    scenario_id: id, name, units: 20, office_officers_before: 196, office_officers_after: 196,
    office_reduction: 0, station_share: 0.3172, grassroots_share: 0.4079, community_share: 0.4286,
    moved: 0, moved_down: 0, moved_within: 0, posts_before: 88, posts_after: 98, hard_rules_passed: 18,
    hard_rules_failed: 7, soft_rules_failed: 1, seniors_left_in_office: 22, wishes_met: 1,
    wishes_stated: 14, ...extra,
  };
}

const comparison: Comparison = {
  kpis: [
    kpis(1, '初始方案'),
    kpis(2, '分支A', { office_officers_after: 191, office_reduction: 0.0255, station_share: 0.3323, moved: 5, moved_down: 5, hard_rules_passed: 19 }),
  ],
  headcount: [{ department: '警务指挥部', officers: [30, 25] }, { department: '交警大队', officers: [12, null] }],
  flows: [
    { scenario_id: 1, from_old_unit: '东城派出所', to_department: '东城派出所', officers: 14 },
    { scenario_id: 1, from_old_unit: '办公室', to_department: '警务指挥部', officers: 8 },
    { scenario_id: 2, from_old_unit: '办公室', to_department: '城关派出所', officers: 5 },
  ],
  differences: [
    { police_number: '360001', name: '高晶萍', old_unit: 'o-bgs', placements: ['警务指挥部', '城关派出所'] },
    { police_number: '360210', name: '李明, "小李"', old_unit: 'o-xz', placements: ['刑事侦查部', ''] },
  ],
};

describe('compare model', () => {
  it('shows each KPI with its delta against the first scenario', () => {
    const rows = new Map(kpiRows(comparison.kpis).map((r) => [r.id, r.cells]));
    expect(rows.get('moved')?.[1]).toEqual({ text: '5', delta: '+5', tone: 'neutral' });
    expect(rows.get('moved')?.[0].delta).toBeNull();
    expect(rows.get('office')?.[1]).toEqual({ text: '196 → 191', delta: '−5', tone: 'good' });
    expect(rows.get('stationShare')?.[1]).toMatchObject({ text: '33.2%', delta: '+1.5 pp', tone: 'good' });
    expect(rows.get('hardPassed')?.[1]).toMatchObject({ delta: '+1', tone: 'good' });
    expect(rows.get('hardFailed')?.[1]).toMatchObject({ delta: '±0', tone: 'same' });
    expect(rows.get('wishes')?.[0].text).toBe('1 / 14');
    expect(rows.get('posts')?.[0].text).toBe('88 → 98');
  });

  it('filters the difference list by name, police number and old unit', () => {
    const d = comparison.differences;
    expect(filterDifferences(d, '', '').length).toBe(2);
    expect(filterDifferences(d, '3600', '').map((x) => x.name)).toEqual(['高晶萍']);
    expect(filterDifferences(d, '李明', '').map((x) => x.police_number)).toEqual(['360210']);
    expect(filterDifferences(d, '', 'o-xz').map((x) => x.police_number)).toEqual(['360210']);
    expect(filterDifferences(d, '高', 'o-xz')).toEqual([]);
  });

  it('exports a CSV with a BOM, quoted fields and four sections', () => {
    const t = (k: string, p?: Record<string, string | number>) => translate(zhCN, k as never, p);
    const labels: CsvLabels = {
      kpiTitle: t('cmp.kpiTitle'), indicator: t('cmp.indicator'), delta: (name) => t('cmp.deltaCol', { name }),
      kpi: (id) => t(`cmp.kpi.${id}`), headcountTitle: t('cmp.headcountTitle'), department: t('cmp.department'),
      flowsTitle: t('cmp.flowTitle'), scenario: t('cmp.scenario'), fromOldUnit: t('cmp.fromOldUnit'),
      toDepartment: t('cmp.toDepartment'), officers: t('cmp.officers'), differencesTitle: t('cmp.diffTitle', { n: 2 }),
      policeNumber: t('cmp.policeNumber'), name: t('cmp.name'), oldUnit: t('cmp.oldUnit'),
      oldUnitName: (id) => ({ 'o-bgs': '办公室', 'o-xz': '刑侦大队' })[id] ?? id,
    };
    const csv = comparisonCsv(comparison, labels);
    expect(csv.startsWith('\uFEFF主要指标\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('指标,初始方案,分支A,分支A（较基准）');
    expect(lines).toContain('调整人数,0,5,+5');
    expect(lines).toContain('交警大队,12,');
    expect(lines).toContain('分支A,办公室,城关派出所,5');
    expect(lines).toContain('360210,"李明, ""小李""",刑侦大队,刑事侦查部,');
    expect(csv.split('\r\n\r\n').length).toBe(4);
  });
});

describe('CompareController', () => {
  it('selects 2 to 4 scenarios, keeps the order and moves the baseline', () => {
    const c = new CompareController(fakeBackend({}).backend);
    expect(c.canCompare).toBe(false);
    for (const id of [1, 2, 3, 4, 5]) c.toggle(id);
    expect(c.selected).toEqual([1, 2, 3, 4]);
    c.toggle(2);
    expect(c.selected).toEqual([1, 3, 4]);
    c.makeBaseline(4);
    expect(c.selected).toEqual([4, 1, 3]);
    c.keepOnly([1, 4]);
    expect(c.selected).toEqual([4, 1]);
    expect(c.canCompare).toBe(true);
  });

  it('loads the comparison and the old unit names once', async () => {
    const { backend, calls } = fakeBackend({
      compare: () => comparison,
      overview: () => ({ old_units: [{ id: 'o-bgs', name: '办公室' }, { id: 'o-xz', name: '刑侦大队' }, { id: 'o-x', name: '其他' }] }),
    });
    const c = new CompareController(backend);
    await c.load(); // nothing selected: no call
    expect(calls).toEqual([]);
    c.toggle(1);
    c.toggle(2);
    await c.load();
    expect(calls).toContainEqual(['compare', { scenario_ids: [1, 2] }]);
    expect(c.kpis.find((r) => r.id === 'moved')?.cells[1].delta).toBe('+5');
    expect(c.sankeyScenario).toBe(1);
    expect(c.oldUnitName('o-bgs')).toBe('办公室');
    expect(c.differenceUnits.map((u) => u.id)).toEqual(['o-bgs', 'o-xz']);
    c.search = '高晶萍';
    expect(c.differences.map((d) => d.police_number)).toEqual(['360001']);
    // Each compared scenario's structure, by its id; the same structures: differences by unit.
    expect(calls.filter((x) => x[0] === 'overview')).toEqual([
      ['overview', { scenario_id: 1 }],
      ['overview', { scenario_id: 2 }],
    ]);
    expect(c.byFunction).toBeNull();
    expect(c.differenceTotal).toBe(2);
  });

  it('compares by function when the structures differ', async () => {
    const unit = (id: string, name: string) => ({ id, name, tier: 'office', kind: 'department' });
    const structures: Record<number, object> = {
      1: { old_units: [], new_units: [unit('inv', '刑事侦查部')], merge_map: [{ from: 'o-xz', to: ['inv'] }] },
      2: { old_units: [], new_units: [unit('inv2', '刑侦部'), unit('cmd', '警务指挥部')], merge_map: [{ from: 'o-xz', to: ['inv2'] }] },
    };
    const units: Record<number, Record<string, string>> = { 1: { a: 'inv', b: 'inv' }, 2: { a: 'inv2', b: 'cmd' } };
    const { backend } = fakeBackend({
      compare: () => comparison,
      overview: ({ scenario_id }) => structures[scenario_id],
      people: ({ scenario_id }) =>
        ['a', 'b'].map((pn) => ({ police_number: pn, name: pn, old_unit: 'o-xz', unit: units[scenario_id][pn] })),
    });
    const c = new CompareController(backend);
    c.toggle(1);
    c.toggle(2);
    await c.load();
    // a follows 刑侦大队 into its department in both; b leaves it in scenario 2.
    expect(c.byFunction?.map((d) => d.police_number)).toEqual(['b']);
    expect(c.differenceTotal).toBe(1);
    expect(c.structureOf(2)?.new_units.map((u) => u.id)).toEqual(['inv2', 'cmd']);
  });

  it('keeps the error code', async () => {
    const { backend } = fakeBackend({
      compare: () => {
        throw new ApiError('not_found', 'scenario 9');
      },
      overview: () => ({ old_units: [] }),
    });
    const c = new CompareController(backend);
    c.toggle(1);
    c.toggle(9);
    await c.load();
    expect(c.error?.code).toBe('not_found');
    expect(c.comparison).toBeNull();
    expect(c.loading).toBe(false);
  });
});

describe('CompareController ordering', () => {
  it('keeps the latest comparison when an older answer arrives late', async () => {
    const release: (() => void)[] = [];
    const { backend } = fakeBackend({
      compare: ({ scenario_ids }) =>
        new Promise((resolve) => {
          const answer = { ...comparison, kpis: scenario_ids.map((id: number) => kpis(id, `S${id}`)) };
          release.push(() => resolve(answer));
        }),
      overview: () => ({ old_units: [] }),
    });
    const c = new CompareController(backend);
    c.toggle(2);
    c.toggle(1);
    const first = c.load();
    c.makeBaseline(1);
    const second = c.load();
    await new Promise((r) => setTimeout(r, 0));
    release[1](); // the newer answer first
    release[0]();
    await Promise.all([first, second]);
    expect(c.comparison?.kpis.map((k) => k.scenario_id)).toEqual([1, 2]);
    expect(c.loading).toBe(false);
  });
});
