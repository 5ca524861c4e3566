import { describe, expect, it } from 'vitest';
import { ApiError, type Backend } from '../../backend';
import { dateText, PaperController, parseDate, type DocumentSettings } from './paper.svelte';

function settings(issuer: string): DocumentSettings {
  const day = { year: 2027, month: 3, day: 5 };
  return {
    kind: 'plan', draft_mark: 'for_review', issuer, document_number: '测公〔2027〕1号', signer: '',
    classification: 'internal', secrecy_period: '1年', copy_number: '000001', urgency: 'none',
    addressee: '局党委', copied_to: '', printed_by: `${issuer}办公室`, printed_on: day,
    signature: issuer, written_on: day, contact: '', phone: '', notes_in_document: false,
  };
}

describe('paper controller', () => {
  it('loads the current scenario settings, compares others, sends settings with the docx only', async () => {
    const calls: [string, object | undefined][] = [];
    const backend: Backend = {
      async call(method: string, args?: any): Promise<any> {
        calls.push([method, args]);
        if (method === 'workspace_info') {
          return { current_scenario: 2, scenarios: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }] };
        }
        if (method === 'document_settings') {
          const s = settings('测试县公安局');
          return { scenario_id: 2, settings: { ...s, signer: '某某' }, defaults: s, stored: true };
        }
        throw new ApiError('unknown_method', method);
      },
    };
    const paper = new PaperController(backend);
    await paper.load();
    expect(paper.scenarioId).toBe(2);
    expect(paper.settings?.signer).toBe('某某');
    paper.toggleCompare(2);
    paper.toggleCompare(1);
    expect(paper.compare).toEqual([1]);
    expect(paper.exportArgs('xlsx')).toEqual({ format: 'xlsx', compare: [1], scenario_id: 2 });
    const docx = paper.exportArgs('docx') as { settings: DocumentSettings };
    expect(docx.settings.issuer).toBe('测试县公安局');
    paper.restoreDefaults();
    expect(paper.settings?.signer).toBe('');
    expect(calls.map((c) => c[0])).toEqual(['workspace_info', 'document_settings']);
  });

  it('reads and writes dates as the date input does', () => {
    expect(dateText({ year: 2026, month: 12, day: 5 })).toBe('2026-12-05');
    expect(parseDate('2026-12-05')).toEqual({ year: 2026, month: 12, day: 5 });
    expect(parseDate('5.12.2026')).toBeNull();
  });
});
