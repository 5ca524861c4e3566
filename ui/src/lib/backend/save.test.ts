import { describe, expect, it } from 'vitest';
import { baseName, downloadSaver, saverFor, tauriSaver, type Saver } from './save';
import type { FileOut } from '../api';
import { ApiError, observeCalls, type Backend } from './index';
import { IoController } from '../components/io/io.svelte';

describe('saving produced files', () => {
  it('downloads in a browser: asks the API for the bytes and hands them to the download', async () => {
    const calls: [string, object | undefined][] = [];
    const backend: Backend = {
      async call(method: string, args?: any): Promise<any> {
        calls.push([method, args]);
        return { file_name: '青山县公安局-现状.docx', mime: 'x', size: 3, bytes_base64: 'AAEC' } as any;
      },
    };
    const downloaded: FileOut[] = [];
    const saver = downloadSaver(backend, (f) => downloaded.push(f));
    expect(await saver.save('export_document', { format: 'docx' })).toEqual({ saved: '青山县公安局-现状.docx' });
    expect(calls).toEqual([['export_document', { format: 'docx' }]]);
    expect(downloaded.map((f) => f.file_name)).toEqual(['青山县公安局-现状.docx']);
  });

  it('uses the download outside Tauri', () => {
    const backend: Backend = { call: async <T>() => ({}) as T };
    expect(saverFor(backend)).toBeDefined();
  });

  it('names the saved file, and nothing when the dialog was cancelled', async () => {
    let answer: string | null = '/home/p/文档/青山县公安局-现状.docx';
    const asked: [string, object | undefined][] = [];
    const saver: Saver = {
      async save(method, args) {
        asked.push([method, args]);
        return { saved: answer };
      },
    };
    const backend: Backend = { call: async <T>() => ({}) as T };
    const io = new IoController(backend, saver);
    await io.exportDocument('docx');
    expect(io.saved).toBe('青山县公安局-现状.docx');
    answer = null;
    io.setKind('units');
    await io.template();
    expect(io.saved).toBeNull();
    expect(asked).toEqual([
      ['export_document', { format: 'docx', scenario_id: undefined }],
      ['units_template', {}],
    ]);
  });

  it('takes the last part of a path on any platform', () => {
    expect(baseName('/tmp/a/b.docx')).toBe('b.docx');
    expect(baseName('C:\\Users\\p\\b.xlsx')).toBe('b.xlsx');
    expect(baseName('b.csv')).toBe('b.csv');
  });

  it('reports a failed desktop save to the call observers (a locked workspace shows the unlock screen)', async () => {
    const seen: [string, string][] = [];
    const stop = observeCalls((method, outcome) => {
      if (!outcome.ok) seen.push([method, outcome.error.code]);
    });
    const saver = tauriSaver(async () => {
      throw { code: 'locked', message: 'the workspace is locked' };
    });
    await expect(saver.save('export_document', { format: 'docx' })).rejects.toBeInstanceOf(ApiError);
    stop();
    expect(seen).toEqual([['export_document', 'locked']]);
  });
});
