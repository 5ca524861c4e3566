import { describe, expect, it } from 'vitest';
import type { Expected } from '../api';
import { en } from './en';
import { expectedText } from './expected-text';
import { translate } from './locale.svelte';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

// The keys and parameters the backend can send, read from the TypeScript it generates (a
// Rust test fails while that file is stale), so that this list cannot drift from the Rust enum.
const sources = import.meta.glob<string>('../api/*.ts', { query: '?raw', import: 'default', eager: true });
const generated = (name: string) => sources[`../api/${name}.ts`] ?? '';
function variants(name: string): { key: string; params: string[] }[] {
  const union = generated(name).split(`export type ${name} = `)[1] ?? '';
  return [...union.matchAll(/\{ "key": "(\w+)"(?:, "params": \{([^}]*)\})? \}/g)].map((m) => ({
    key: m[1],
    params: [...(m[2] ?? '').matchAll(/(\w+):/g)].map((p) => p[1]),
  }));
}
const stringUnion = (name: string) => [...generated(name).matchAll(/"(\w+)"/g)].map((m) => m[1]);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('what an import expected', () => {
  const all = variants('Expected');
  it('is read from the generated type', () => {
    expect(all.length).toBeGreaterThan(60);
    expect(all).toContainEqual({ key: 'sex', params: [] });
    expect(all).toContainEqual({ key: 'whole_number', params: ['max', 'found'] });
  });
  it('has a text in both languages for every key, with exactly its parameters', () => {
    for (const dict of [zhCN, en] as Messages[]) {
      for (const { key, params } of all) {
        const text = (dict as Record<string, string>)[`expected.${key}`];
        expect(text, `expected.${key}`).toBeTruthy();
        expect(placeholders(text), `expected.${key}`).toEqual([...new Set(params)].sort());
      }
      for (const thing of stringUnion('RowThing')) expect(dict).toHaveProperty([`expected.thing.${thing}`]);
      for (const enc of stringUnion('TextEncoding')) expect(dict).toHaveProperty([`expected.reads_as.${enc}`]);
    }
  });
  it('reads in Chinese without English, and in English as the backend says it', () => {
    const zh = (e: Expected) => expectedText((k, p) => translate(zhCN, k, p), e);
    const eng = (e: Expected) => expectedText((k, p) => translate(en, k, p), e);
    expect(zh({ key: 'sex' })).toBe('男或女');
    expect(eng({ key: 'sex' })).toBe('男 or 女 (male or female)');
    expect(zh({ key: 'current_unit', params: { count: 18 } })).toBe('本工作区 18 个现有单位（原机构）之一的名称或编号');
    expect(zh({ key: 'at_least_one', params: { thing: 'traffic_squad' } })).toBe('表头行下至少有一行交警中队');
    expect(eng({ key: 'each_once', params: { thing: 'station', row: 4 } })).toBe('each station once; it is already on row 4');
    expect(zh({ key: 'neither_utf8_nor_gbk', params: { reads_as: 'gbk' } })).toContain('按 GBK/GB18030 可读到此处');
    // A unit name the user wrote stays as written.
    expect(zh({ key: 'parent_chain', params: { chain: 'Alpha → Beta → Alpha' } })).toBe('不成环的上级关系（发现 Alpha → Beta → Alpha）');
    for (const { key } of variants('Expected')) {
      const text = (zhCN as Record<string, string>)[`expected.${key}`];
      // Latin letters only where they name a format, a unit of measure or a cell range.
      const words = text.replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g) ?? [];
      for (const w of words) expect(['MiB', 'xlsx', 'xls', 'CSV', 'UTF', 'GBK', 'BOM', 'OLE', 'Excel', 'WPS', 'FEFF'], `${key}: ${w}`).toContain(w);
    }
  });
  it('shows a key from a newer backend as the key itself', () => {
    expect(expectedText((k, p) => translate(zhCN, k, p), { key: 'from_the_future' } as unknown as Expected)).toBe('from_the_future');
  });
});
