import { describe, expect, it } from 'vitest';
import { OverviewController, metricsById } from './overview.svelte';
import { ApiError, type Backend } from './backend';

describe('OverviewController', () => {
  it('loads the overview through the backend', async () => {
    const calls: [string, object | undefined][] = [];
    const backend: Backend = {
      async call(method: string, args?: any): Promise<any> {
        calls.push([method, args]);
        if (method === 'rule_results') return [] as any;
        if (method === 'station_workload') return { has_figures: true, rows: [], total_deviation: 4 } as any;
        if (method === 'squad_workload') return { has_figures: true, rows: [], total_deviation: 2 } as any;
        return { bureau: { name: '样例' }, scenario: { id: 3 } } as any;
      },
    };
    const c = new OverviewController(backend);
    await c.load();
    expect(calls).toEqual([
      ['overview', {}],
      ['rule_results', { scenario_id: 3 }],
      ['station_workload', { scenario_id: 3 }],
      ['squad_workload', { scenario_id: 3 }],
    ]);
    expect(c.rules).toEqual([]);
    expect(c.workload?.total_deviation).toBe(4);
    expect(c.squadWorkload?.total_deviation).toBe(2);
    expect(c.overview?.bureau.name).toBe('样例');
    expect(c.loading).toBe(false);
    await c.load(3);
    expect(calls[4]).toEqual(['overview', { scenario_id: 3 }]);
  });

  it('shows no station or squad demand without figures or when the backend lacks the method', async () => {
    let figures = false;
    const backend: Backend = {
      async call(method: string, _args?: any): Promise<any> {
        if (method === 'station_workload' || method === 'squad_workload') {
          if (figures) throw new ApiError('unknown_method', method);
          return { has_figures: false, rows: [] } as any;
        }
        if (method === 'rule_results') return [] as any;
        return { bureau: { name: '样例' }, scenario: { id: 3 } } as any;
      },
    };
    const c = new OverviewController(backend);
    await c.load();
    expect(c.workload).toBeNull();
    expect(c.squadWorkload).toBeNull();
    figures = true;
    await c.load();
    expect(c.workload).toBeNull();
    expect(c.squadWorkload).toBeNull();
    expect(c.error).toBeNull();
  });

  it('keeps the error code when the backend fails', async () => {
    const backend: Backend = {
      async call() {
        throw new ApiError('not_a_workspace', 'x.bpw is not a workspace');
      },
    };
    const c = new OverviewController(backend);
    await c.load();
    expect(c.error?.code).toBe('not_a_workspace');
    expect(c.overview).toBeNull();
  });

  it('indexes unit metrics', () => {
    const m = metricsById([{ unit_id: 'a', officers: 1 } as never]);
    expect(m.get('a')?.officers).toBe(1);
  });
});
