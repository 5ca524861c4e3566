import { describe, expect, it } from 'vitest';
import {
  asOfProblem,
  detailsProblems,
  fileProblem,
  isSampleBureau,
  problemParams,
  problemsOf,
  stepComplete,
  stepOfCheck,
} from './own-bureau';
import type { CheckProblem, FilesCheck } from '../api';
import { translate } from '../i18n/locale.svelte';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';

const details = (over: Partial<{ name: string; asOf: string; background: string }> = {}) => ({
  name: '测试县公安局',
  kind: 'county' as const,
  asOf: '2026-12',
  background: '',
  ...over,
});

describe('bureau details', () => {
  it('accepts a name and a month', () => {
    expect(detailsProblems(details())).toEqual({});
  });
  it('refuses an empty or blank name and one over 60 characters', () => {
    expect(detailsProblems(details({ name: '  \u3000' })).name).toBe('nameEmpty');
    expect(detailsProblems(details({ name: '' })).name).toBe('nameEmpty');
    expect(detailsProblems(details({ name: '警'.repeat(60) })).name).toBeUndefined();
    expect(detailsProblems(details({ name: '警'.repeat(61) })).name).toBe('nameTooLong');
  });
  it('reads the base month as YYYY-MM with a real month', () => {
    expect(asOfProblem('2026-12')).toBeNull();
    expect(asOfProblem(' 2027-01 ')).toBeNull();
    for (const bad of ['', '2026', '2026-1', '2026/12', '26-12', '2026-12-01', '二〇二六-12']) expect(asOfProblem(bad)).toBe('asOfFormat');
    for (const bad of ['2026-00', '2026-13', '1899-12', '2101-01']) expect(asOfProblem(bad)).toBe('asOfRange');
  });
  it('refuses a background over 20,000 characters', () => {
    expect(detailsProblems(details({ background: 'a'.repeat(20_000) })).background).toBeUndefined();
    expect(detailsProblems(details({ background: 'a'.repeat(20_001) })).background).toBe('backgroundTooLong');
  });
});

describe('files', () => {
  it('takes CSV and XLSX only, not empty, within 64 MiB', () => {
    expect(fileProblem(null)).toBe('missing');
    expect(fileProblem({ name: '单位编制.xlsx', size: 10 })).toBeNull();
    expect(fileProblem({ name: '花名册.CSV', size: 10 })).toBeNull();
    expect(fileProblem({ name: '花名册.xls', size: 10 })).toBe('wrongType');
    expect(fileProblem({ name: 'roster.json', size: 10 })).toBe('wrongType');
    expect(fileProblem({ name: 'r.csv', size: 0 })).toBe('empty');
    expect(fileProblem({ name: 'r.csv', size: 64 * 1024 * 1024 + 1 })).toBe('tooLarge');
  });
  it('lets the planner forward only from a complete step', () => {
    const s = { details: details(), units: null, roster: { name: 'r.csv', size: 3 } };
    expect(stepComplete('details', s)).toBe(true);
    expect(stepComplete('details', { ...s, details: details({ asOf: '2026-13' }) })).toBe(false);
    expect(stepComplete('units', s)).toBe(false);
    expect(stepComplete('roster', s)).toBe(true);
    expect(stepComplete('template', s)).toBe(true);
  });
});

describe('checked problems', () => {
  const problem = (step: CheckProblem['step'], code: CheckProblem['code'], row: number | null): CheckProblem => ({
    step,
    code,
    file: step === 'details' ? null : `${step}.csv`,
    sheet: null,
    row,
    column: row === null ? null : 'F (现单位)',
    found: '不存在的单位',
    expected: { key: 'current_unit', params: { count: 18 } },
  });
  const check = (problems: CheckProblem[]): FilesCheck => ({ units: 0, people: 0, problems, ok: problems.length === 0 });
  it('go back to the first step at fault, in the wizard order', () => {
    expect(stepOfCheck(check([problem('roster', 'bad_cell', 3), problem('units', 'file_unreadable', null)]))).toBe('units');
    expect(stepOfCheck(check([problem('roster', 'bad_cell', 3)]))).toBe('roster');
    expect(stepOfCheck(check([problem('details', 'name_empty', null), problem('roster', 'bad_row', 4)]))).toBe('details');
    expect(stepOfCheck(check([]))).toBeNull();
  });
  it('are listed per step with their location and values', () => {
    const c = check([problem('roster', 'bad_cell', 3), problem('units', 'header_column', 1), problem('roster', 'bad_row', 9)]);
    expect(problemsOf(c, 'roster').map((p) => p.row)).toEqual([3, 9]);
    expect(problemsOf(c, 'units').map((p) => p.code)).toEqual(['header_column']);
    expect(problemsOf(null, 'units')).toEqual([]);
    expect(problemParams(c.problems[0], (k, p) => translate(zhCN, k, p))).toEqual({
      file: 'roster.csv',
      sheet: '',
      row: 3,
      column: 'F (现单位)',
      found: '不存在的单位',
      expected: '本工作区 18 个现有单位（原机构）之一的名称或编号',
    });
    expect(problemParams(c.problems[0], (k, p) => translate(en, k, p)).expected).toBe(
      "the name or id of one of the workspace's 18 current units (old structure)",
    );
  });
});

describe('the sample', () => {
  it('is known by its name', () => {
    expect(isSampleBureau('青山县公安局')).toBe(true);
    expect(isSampleBureau('测试县公安局')).toBe(false);
    expect(isSampleBureau(null)).toBe(false);
  });
});
