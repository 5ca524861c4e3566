import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';
import { translate } from './locale.svelte';

describe('i18n', () => {
  it('has the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it('has no empty strings', () => {
    for (const dict of [en, zhCN]) for (const v of Object.values(dict)) expect(v.trim()).not.toBe('');
  });
  it('has a message for every error code', () => {
    const codes = ['bad_request', 'unknown_method', 'not_found', 'invalid_bureau_file', 'newer_version',
      'not_a_workspace', 'storage', 'internal', 'unreachable', 'locked', 'no_workspace', 'wrong_passphrase',
      'workspace_in_use', 'workspace_read_only', 'disk_full',
      'invalid_structure'];
    for (const c of codes) expect(Object.keys(zhCN)).toContain(`errors.${c}`);
  });
  it('fills parameters', () => {
    expect(translate(en, 'kpi.before', { value: '31.7%' })).toBe('before 31.7%');
    expect(translate(zhCN, 'unit.grids', { n: 30 })).toBe('警务区 30 个');
  });
});
