import { describe, expect, it } from 'vitest';
import {
  asOfProblem,
  detailsProblems,
  fileProblem,
  isSampleBureau,
  problemCount,
  problemLines,
  stepComplete,
  stepOfError,
} from './own-bureau';

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

describe('refusals', () => {
  const roster =
    'the roster has 2 problem(s), nothing was imported: 花名册.csv, row 3, column F (现单位): found "不存在; 的单位", expected a unit of the units file; 花名册.csv, row 9, column C (性别): found "x", expected 男 or 女';
  it('finds the step of the file at fault', () => {
    const files = { units: '单位编制.csv', roster: '花名册.csv' };
    expect(stepOfError(roster, files)).toBe('roster');
    expect(stepOfError('the units file has 1 problem(s), nothing was imported: 单位编制.csv, row 2 …', files)).toBe('units');
    expect(stepOfError('bureau.name: expected a non-empty bureau name', files)).toBe('details');
    expect(stepOfError('花名册.csv: expected a file of at most 64 MiB', files)).toBe('roster');
    expect(stepOfError('单位编制.csv: expected a file of at most 64 MiB', files)).toBe('units');
    expect(stepOfError('storage: disk I/O error', files)).toBeNull();
  });
  it('lists each located problem, keeping separators inside quoted values', () => {
    expect(problemLines(roster)).toEqual([
      '花名册.csv, row 3, column F (现单位): found "不存在; 的单位", expected a unit of the units file',
      '花名册.csv, row 9, column C (性别): found "x", expected 男 or 女',
    ]);
    expect(problemLines('the roster has 9 problem(s), nothing was imported: x.csv, row 2: found "a\\"; b", expected c; …')).toEqual(['x.csv, row 2: found "a\\"; b", expected c', '…']);
    expect(problemLines('bureau.name: expected a non-empty bureau name')).toEqual(['bureau.name: expected a non-empty bureau name']);
    expect(problemCount(roster)).toBe(2);
    expect(problemCount('bureau.name: x')).toBeNull();
  });
});

describe('the sample', () => {
  it('is known by its name', () => {
    expect(isSampleBureau('青山县公安局')).toBe(true);
    expect(isSampleBureau('测试县公安局')).toBe(false);
    expect(isSampleBureau(null)).toBe(false);
  });
});
