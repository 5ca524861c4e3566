import { describe, expect, it } from 'vitest';
import { boardLayout, type ChangeRow } from './model';
import { orderedProposal, reasonCounts } from './proposal';
import { unit } from './test-fixtures';

const row = (pn: string, group: string, reason?: ChangeRow['reason']): ChangeRow => ({
  police_number: pn,
  name: pn,
  category: 'officer',
  from: null,
  oldUnit: 'o1',
  to: group,
  group,
  reason,
});

describe('solve proposal order', () => {
  it('lists office departments in structure order, then stations, with counts', () => {
    const layout = boardLayout([
      unit('cmd'),
      unit('inv'),
      unit('st-a', { kind: 'police_station', tier: 'grassroots' }),
      unit('st-b', { kind: 'police_station', tier: 'grassroots' }),
    ]);
    // Insertion order as a solve result may give it: stations first, departments reversed.
    const changes = new Map([
      ['st-b', [row('1', 'st-b')]],
      ['inv', [row('2', 'inv'), row('3', 'inv')]],
      ['st-a', [row('4', 'st-a')]],
      ['cmd', [row('5', 'cmd')]],
    ]);
    const sections = orderedProposal(changes, layout);
    expect(sections.map((s) => [s.tier, s.count, s.groups.map((g) => g.unit)])).toEqual([
      ['office', 3, ['cmd', 'inv']],
      ['grassroots', 2, ['st-a', 'st-b']],
    ]);
  });

  it('keeps a destination the layout does not know, and drops empty tiers', () => {
    const sections = orderedProposal(new Map([['x', [row('1', 'x')]]]), boardLayout([unit('cmd')]));
    expect(sections.map((s) => [s.tier, s.count, s.groups.map((g) => g.unit)])).toEqual([['office', 1, ['x']]]);
  });

  it('orders the rows of each unit by reason and counts the core moves by reason', () => {
    const layout = boardLayout([unit('st-a', { kind: 'police_station', tier: 'grassroots' })]);
    const changes = new Map([
      ['st-a', [row('1', 'st-a', 'rules'), row('2', 'st-a', 'seniors_down'), row('3', 'st-a', 'wish'), row('4', 'st-a', 'rules')]],
    ]);
    const [section] = orderedProposal(changes, layout);
    expect(section.groups[0].rows.map((r) => r.police_number)).toEqual(['3', '2', '1', '4']);
    const move = (pn: string, reason: ChangeRow['reason']) => ({ police_number: pn, name: pn, from: 'o', to: 'st-a', reason: reason! });
    expect(reasonCounts([move('1', 'rules'), move('2', 'seniors_down'), move('4', 'rules')])).toEqual([
      { reason: 'seniors_down', n: 1 },
      { reason: 'rules', n: 2 },
    ]);
  });
});
