import { describe, expect, it } from 'vitest';
import { person, unit } from '../board/test-fixtures';
import { functionDifferences, groupedFlows, sameStructure } from './flows';
import type { Flow } from '../api';

const old = [
  unit('o-inv', { name: '刑侦大队' }),
  unit('o-st', { name: '城关派出所', tier: 'grassroots', kind: 'police_station' }),
  unit('o-law', { name: '法制大队' }),
];
const structure = [
  unit('cmd', { name: '警务指挥部' }),
  unit('inv', { name: '刑事侦查部' }),
  unit('st', { name: '城关派出所', tier: 'grassroots', kind: 'police_station' }),
  unit('sq', { name: '城关中队', tier: 'grassroots', kind: 'traffic_squad' }),
];
const flow = (from: string, to: string, officers: number, scenario_id = 1): Flow => ({
  scenario_id,
  from_old_unit: from,
  to_department: to,
  officers,
});

describe('grouped Sankey', () => {
  it('groups old units by tier and new units as departments, stations, squads; folds unchanged units', () => {
    const flows = [
      flow('城关派出所', '城关派出所', 20),
      flow('刑侦大队', '城关派出所', 3),
      flow('刑侦大队', '刑事侦查部', 30),
      flow('法制大队', '城关中队', 1),
      flow('城关派出所', '警务指挥部', 2),
      flow('法制大队', '警务指挥部', 5),
      flow('刑侦大队', '警务指挥部', 9, 2),
    ];
    const g = groupedFlows(flows, 1, old, structure);
    expect(g.nodes.map((n) => `${n.side}:${n.group}:${n.label}`)).toEqual([
      'old:office:刑侦大队',
      'old:office:法制大队',
      'old:grassroots:城关派出所',
      'old:kept:kept',
      'new:department:警务指挥部',
      'new:department:刑事侦查部',
      'new:station:城关派出所',
      'new:squad:城关中队',
      'new:kept:kept',
    ]);
    expect(g.kept).toEqual({ officers: 20, units: 1 });
    expect(g.links.find((l) => l.source === 'old:kept')).toEqual({ source: 'old:kept', target: 'new:kept', value: 20 });
    // No self-flow is left to dominate the chart.
    expect(g.links.some((l) => l.source.slice(4) === l.target.slice(4) && l.source !== 'old:kept')).toBe(false);
  });
});

describe('differences by function', () => {
  const a = { new_units: structure, merge_map: [{ from: 'o-inv', to: ['inv'] }, { from: 'o-st', to: ['st'] }] };
  // Another structure: investigation is called differently and has another id.
  const b = {
    new_units: [unit('inv2', { name: '刑侦部' }), ...structure.filter((u) => u.id !== 'inv')],
    merge_map: [{ from: 'o-inv', to: ['inv2'] }, { from: 'o-st', to: ['st'] }],
  };

  it('knows when the structures differ', () => {
    expect(sameStructure([a, a])).toBe(true);
    expect(sameStructure([a, b])).toBe(false);
  });

  it('treats following the old unit into its department as the same placement', () => {
    const inA = [
      person('1', { old_unit: 'o-inv', unit: 'inv' }),
      person('2', { old_unit: 'o-inv', unit: 'inv' }),
      person('3', { old_unit: 'o-st', unit: 'st' }),
      person('4', { old_unit: 'o-inv', unit: 'st' }),
    ];
    const inB = [
      person('1', { old_unit: 'o-inv', unit: 'inv2' }),
      person('2', { old_unit: 'o-inv', unit: 'st' }),
      person('3', { old_unit: 'o-st', unit: 'st' }),
      person('4', { old_unit: 'o-inv', unit: 'st' }),
    ];
    const d = functionDifferences([inA, inB], [a, b]);
    expect(d.map((x) => x.police_number)).toEqual(['2']);
    expect(d[0].placements).toEqual([
      { department: '刑事侦查部', follows: true },
      { department: '城关派出所', follows: false },
    ]);
  });
});
