import { describe, expect, it } from 'vitest';
import { ApiError, type Backend } from '../../backend';
import { base64ToBytes, bytesToBase64, IoController } from './io.svelte';
import type { ImportPreview } from '../../api';

function preview(problems: number): ImportPreview {
  return {
    file: 'r.csv', sheet: null, encoding: 'utf-8', rows: 2, created: [], updated: [], unchanged: 2,
    removed: [], dropped_placements: [], can_import: problems === 0,
    problems: Array.from({ length: problems }, (_, i) => ({
      file: 'r.csv', sheet: null, row: i + 2, column: 'C (性别)', value: 'x', expected: { key: 'sex' },
    })),
  };
}

describe('io controller', () => {
  it('round-trips bytes through base64', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 0x50, 0x4b]);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('previews, refuses to import a file with problems, imports a clean one', async () => {
    const calls: [string, object | undefined][] = [];
    let problems = 1;
    const backend: Backend = {
      async call(method: string, args?: any): Promise<any> {
        calls.push([method, args]);
        if (method === 'import_preview') return preview(problems) as any;
        if (method === 'import_roster') return { created: 0, updated: 0, unchanged: 2, removed: 0, dropped_placements: [] } as any;
        throw new ApiError('unknown_method', method);
      },
    };
    const io = new IoController(backend);
    await io.choose('r.csv', new TextEncoder().encode('警号\n'));
    expect(io.preview?.problems).toHaveLength(1);
    await io.confirm();
    expect(calls.map((c) => c[0])).toEqual(['import_preview']);
    problems = 0;
    await io.choose('r.csv', new TextEncoder().encode('警号\n'));
    await io.confirm();
    expect(calls.map((c) => c[0])).toEqual(['import_preview', 'import_preview', 'import_roster']);
    expect(io.result?.unchanged).toBe(2);
    expect(calls[2][1]).toMatchObject({ file_name: 'r.csv', bytes_base64: bytesToBase64(new TextEncoder().encode('警号\n')) });
  });

  it('imports units through the units methods and never confirms a refused file', async () => {
    const calls: string[] = [];
    let refused = true;
    const backend: Backend = {
      async call(method: string, _args?: any): Promise<any> {
        calls.push(method);
        if (method === 'units_import_preview') {
          return {
            file: 'u.csv', sheet: null, encoding: 'gb18030', rows: 37, created: [], updated: [], unchanged: 36,
            removed: [], problems: [], can_import: !refused,
            refused: refused ? [{ id: 'o-ps01', name: '城关派出所', people: 23, merge_edges: 1 }] : [],
          } as any;
        }
        if (method === 'import_units') return { created: 0, updated: 1, unchanged: 36, removed: 0 } as any;
        if (method === 'units_template') return { file_name: 't.xlsx', mime: 'x', size: 1 } as any;
        throw new ApiError('unknown_method', method);
      },
    };
    const io = new IoController(backend);
    io.setKind('units');
    await io.choose('u.csv', new Uint8Array([1]));
    expect(io.unitsPreview?.refused).toHaveLength(1);
    expect(io.preview).toBeNull();
    await io.confirm();
    refused = false;
    await io.choose('u.csv', new Uint8Array([1]));
    await io.confirm();
    await io.template();
    expect(calls).toEqual(['units_import_preview', 'units_import_preview', 'import_units', 'units_template']);
    expect(io.unitsResult?.updated).toBe(1);
    io.setKind('roster');
    expect(io.unitsResult).toBeNull();
    expect(io.kind).toBe('roster');
  });

  it('imports station figures through the stations methods, row problems first', async () => {
    const calls: string[] = [];
    let problems = 2;
    const backend: Backend = {
      async call(method: string, _args?: any): Promise<any> {
        calls.push(method);
        if (method === 'stations_import_preview') {
          return {
            file: 's.csv', sheet: null, encoding: 'utf-8', rows: 6, missing: problems ? [] : ['岩口派出所'],
            stations: problems ? [] : [{ unit: 'u13', resident_population: 1, calls: 2 }],
            problems: Array.from({ length: problems }, (_, i) => ({
              file: 's.csv', sheet: null, row: i + 2, column: 'B (常住人口)', value: '-5', expected: { key: 'whole_up_to', params: { max: 100000000 } },
            })),
            can_import: problems === 0,
          } as any;
        }
        if (method === 'import_stations') return { stations: 5 } as any;
        throw new ApiError('unknown_method', method);
      },
    };
    const saved: string[] = [];
    const io = new IoController(backend, { save: async (m) => (saved.push(m), { saved: '派出所辖区情况表.xlsx' }) });
    io.setKind('stations');
    await io.choose('s.csv', new Uint8Array([1]));
    expect(io.stationsPreview?.problems.map((p) => p.row)).toEqual([2, 3]);
    await io.confirm();
    problems = 0;
    await io.choose('s.csv', new Uint8Array([1]));
    expect(io.stationsPreview?.missing).toEqual(['岩口派出所']);
    await io.confirm();
    expect(calls).toEqual(['stations_import_preview', 'stations_import_preview', 'import_stations']);
    expect(io.stationsResult?.stations).toBe(5);
    await io.template();
    expect(saved).toEqual(['stations_template']);
    io.setKind('units');
    expect(io.stationsResult).toBeNull();
  });

  it('imports squad figures through the squads methods, row problems first', async () => {
    const calls: string[] = [];
    let problems = 1;
    const backend: Backend = {
      async call(method: string, _args?: any): Promise<any> {
        calls.push(method);
        if (method === 'squads_import_preview') {
          return {
            file: 'q.csv', sheet: null, encoding: 'utf-8', rows: 2, missing: problems ? [] : ['河东交警中队'],
            squads: problems ? [] : [{ unit: 'u18', road_km: 420, accidents: 150, traffic_calls: 1400, vehicles: 16000 }],
            problems: Array.from({ length: problems }, (_, i) => ({
              file: 'q.csv', sheet: null, row: i + 2, column: 'C (年交通事故数)', value: '-5', expected: { key: 'whole_up_to', params: { max: 100000000 } },
            })),
            can_import: problems === 0,
          } as any;
        }
        if (method === 'import_squads') return { squads: 1 } as any;
        throw new ApiError('unknown_method', method);
      },
    };
    const saved: string[] = [];
    const io = new IoController(backend, { save: async (m) => (saved.push(m), { saved: '交警中队辖区情况表.xlsx' }) });
    io.setKind('squads');
    await io.choose('q.csv', new Uint8Array([1]));
    expect(io.squadsPreview?.problems.map((p) => p.row)).toEqual([2]);
    await io.confirm();
    problems = 0;
    await io.choose('q.csv', new Uint8Array([1]));
    expect(io.squadsPreview?.missing).toEqual(['河东交警中队']);
    await io.confirm();
    expect(calls).toEqual(['squads_import_preview', 'squads_import_preview', 'import_squads']);
    expect(io.squadsResult?.squads).toBe(1);
    await io.template();
    expect(saved).toEqual(['squads_template']);
    io.setKind('stations');
    expect(io.squadsResult).toBeNull();
  });

  it('keeps the error code of a refused call', async () => {
    const backend: Backend = {
      async call(): Promise<any> {
        throw new ApiError('bad_request', 'arguments: bytes_base64 is not base64');
      },
    };
    const io = new IoController(backend);
    await io.choose('x.csv', new Uint8Array([1]));
    expect(io.error?.code).toBe('bad_request');
    expect(io.busy).toBe(false);
  });
});
