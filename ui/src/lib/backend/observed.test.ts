import { describe, expect, it } from 'vitest';
import { ApiError, observed, type Backend } from './index';

describe('observed backend', () => {
  it('reports each outcome and answers as the inner backend did', async () => {
    const inner: Backend = {
      async call(method: string, _args?: any): Promise<any> {
        if (method === 'overview') throw { code: 'locked', message: 'workspace is locked' };
        return { job_id: 3 } as any;
      },
    };
    const seen: [string, boolean, unknown][] = [];
    const b = observed(inner, (m, o) => seen.push([m, o.ok, o.ok ? o.value : o.error.code]));
    expect(await b.call('solve_start')).toEqual({ job_id: 3 });
    const err = await b.call('overview').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('locked');
    expect(seen).toEqual([
      ['solve_start', true, { job_id: 3 }],
      ['overview', false, 'locked'],
    ]);
  });
});
