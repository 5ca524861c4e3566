import { describe, expect, it } from 'vitest';
import { boardLayout, type ChangeRow } from './model';
import { MOVE_REASONS, orderedProposal, reasonCounts } from './proposal';
import type { MoveReason } from '../api';
import { zhCN } from '../i18n/zh-CN';
import { en } from '../i18n/en';
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

  it('groups the proposal by unit in structure order, the rows of each unit in reason order', () => {
    const layout = boardLayout([
      unit('cmd'),
      unit('inv'),
      unit('st-a', { kind: 'police_station', tier: 'grassroots' }),
    ]);
    const changes = new Map([
      ['st-a', [row('1', 'st-a', 'grassroots'), row('2', 'st-a', 'seniors_down'), row('3', 'st-a', 'wish'), row('4', 'st-a', 'grassroots'), row('5', 'st-a', 'strengthen_station')]],
      ['inv', [row('6', 'inv', 'cross_department'), row('7', 'inv', 'fill_establishment')]],
      ['cmd', [row('8', 'cmd', 'pinned')]],
    ]);
    const sections = orderedProposal(changes, layout);
    expect(sections.map((s) => [s.tier, s.count, s.groups.map((g) => g.unit)])).toEqual([
      ['office', 3, ['cmd', 'inv']],
      ['grassroots', 5, ['st-a']],
    ]);
    expect(sections[0].groups[1].rows.map((r) => r.reason)).toEqual(['fill_establishment', 'cross_department']);
    // Stable: the same reason keeps the roster order (1 before 4).
    expect(sections[1].groups[0].rows.map((r) => r.police_number)).toEqual(['3', '2', '5', '1', '4']);
  });

  it('counts the core moves by reason, in reason order, leaving out reasons nobody has', () => {
    const move = (pn: string, reason: MoveReason) => ({ police_number: pn, name: pn, from: 'o', to: 'st-a', reason });
    expect(
      reasonCounts([move('1', 'grassroots'), move('2', 'seniors_down'), move('4', 'grassroots'), move('5', 'cross_department')]),
    ).toEqual([
      { reason: 'seniors_down', n: 1 },
      { reason: 'cross_department', n: 1 },
      { reason: 'grassroots', n: 2 },
    ]);
    expect(reasonCounts([])).toEqual([]);
  });

  it('has a label for every reason in both languages, never an app word in Chinese', () => {
    for (const reason of MOVE_REASONS) {
      expect(zhCN[`reason.${reason}`], reason).toBeTruthy();
      expect(en[`reason.${reason}`], reason).toBeTruthy();
      expect(zhCN[`reason.${reason}`]).not.toMatch(/规则|规划/);
    }
  });
});
