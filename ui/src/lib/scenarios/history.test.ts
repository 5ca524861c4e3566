import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/locale.svelte';
import type { MessageKey } from '../i18n/messages';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { HistoryController, actionText, summarise } from './history.svelte';
import { fakeBackend } from './test-backend';
import type { AuditEntry } from '../api';

const tz = (k: MessageKey, p?: Record<string, string | number>) => translate(zhCN, k, p);
const te = (k: MessageKey, p?: Record<string, string | number>) => translate(en, k, p);
const names: Record<string, string> = { 'd-cmd': '警务指挥部', 'd-ps01': '城关派出所' };
const unitName = (id: string) => names[id] ?? id;

function row(action: string, detail: unknown, id = 1): AuditEntry {
  return { id, at: '2026-11-23T06:34:51Z', actor: '张三', scenario_id: 2, action, detail };
}

const move = row('edit', {
  label: '360001, 360002 → 城关派出所',
  before: { '360001': { unit: 'd-cmd', pinned: false }, '360002': { unit: null, pinned: false } },
  after: { '360001': { unit: 'd-ps01', pinned: true }, '360002': { unit: 'd-ps01', pinned: true } },
});

describe('history summaries', () => {
  it('names the action in words', () => {
    expect(actionText('edit', tz)).toBe('调整人员');
    expect(actionText('status', te)).toBe('Status changed');
    expect(actionText('something_new', tz)).toBe('something_new');
  });

  it('shows moves as before → after with unit names', () => {
    expect(summarise(move, tz, unitName)).toEqual([
      '360001, 360002 → 城关派出所',
      '360001：警务指挥部 → 城关派出所',
      '360002：原单位 → 城关派出所',
    ]);
    expect(summarise(move, tz, unitName, 1)).toEqual(['360001, 360002 → 城关派出所', '360001：警务指挥部 → 城关派出所', '……另有 1 人']);
  });

  it('shows pins, statuses, names, notes and branches', () => {
    const pin = row('edit', { before: { P1: { unit: 'd-cmd', pinned: false } }, after: { P1: { unit: 'd-cmd', pinned: true } } });
    expect(summarise(pin, tz, unitName)).toEqual(['P1：锁定于 警务指挥部']);
    expect(summarise(row('status', { before: 'draft', after: 'review' }), tz, unitName)).toEqual(['草稿 → 待审']);
    expect(summarise(row('rename', { before: '初始方案', after: '方案甲' }), tz, unitName)).toEqual(['初始方案 → 方案甲']);
    expect(summarise(row('notes', { before: '', after: '四个字的' }), te, unitName)).toEqual(['0 → 4 characters']);
    expect(summarise(row('branch', { from: 1, from_name: '初始方案', name: '分支A' }), tz, unitName)).toEqual(['由“初始方案”创建“分支A”']);
    expect(summarise(row('delete', { name: '分支A' }), tz, unitName)).toEqual(['分支A']);
    expect(summarise(row('odd', 'not an object'), tz, unitName)).toEqual([]);
  });
});

describe('HistoryController', () => {
  it('loads a scenario history with filters and the unit names', async () => {
    const { backend, calls } = fakeBackend({
      history: () => [move],
      overview: () => ({ new_units: [{ id: 'd-ps01', name: '城关派出所' }], old_units: [{ id: 'o-bgs', name: '办公室' }] }),
      people: () => [{ police_number: '360001', name: '高晶萍' }],
    });
    const h = new HistoryController(backend);
    await h.load(2);
    expect(calls).toContainEqual(['history', { limit: 500, scenario_id: 2 }]);
    expect(calls).toContainEqual(['overview', { scenario_id: 2 }]);
    expect(h.rows).toEqual([move]);
    expect(h.unitName('d-ps01')).toBe('城关派出所');
    expect(h.unitName('o-bgs')).toBe('办公室');
    expect(h.personName('360001')).toBe('360001 高晶萍');
    expect(h.personName('360999')).toBe('360999');
    expect(summarise(move, tz, h.unitName, 5, h.personName)[2]).toBe('360002：原单位 → 城关派出所');
    expect(summarise(move, tz, h.unitName, 5, h.personName)[1]).toBe('360001 高晶萍：d-cmd → 城关派出所'); // d-cmd not in this fake structure
    h.person = ' 360001 ';
    h.unit = 'd-ps01';
    await h.load();
    expect(calls.at(-1)).toEqual(['history', { limit: 500, scenario_id: 2, person: '360001', unit: 'd-ps01' }]);
    expect(calls.filter((c) => c[0] === 'overview' || c[0] === 'people').length).toBe(2);
  });

  it('verifies the audit chain and reports where it breaks', async () => {
    const { backend } = fakeBackend({
      audit_verify: () => ({ rows: 12, intact: false, first_bad_row: 7, problem: 'row 7: hash mismatch' }),
    });
    const h = new HistoryController(backend);
    await h.verify();
    expect(h.report).toEqual({ rows: 12, intact: false, first_bad_row: 7, problem: 'row 7: hash mismatch' });
    expect(h.verifying).toBe(false);
  });

  it('keeps the error code', async () => {
    const { backend } = fakeBackend({});
    const h = new HistoryController(backend);
    await h.load(1);
    expect(h.error?.code).toBe('unknown_method');
  });
});
