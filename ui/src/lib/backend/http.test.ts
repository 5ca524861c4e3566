import { describe, expect, it, vi } from 'vitest';
import { httpBackend, readToken } from './http';
import { ApiError } from './api-error';

function reply(status: number, body: unknown): typeof fetch {
  return vi.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
}

describe('http backend', () => {
  it('posts JSON with the token and returns the body', async () => {
    const f = reply(200, { ok: 1 });
    const b = httpBackend('tok', f);
    expect(await b.call('overview', { scenario_id: 2 })).toEqual({ ok: 1 });
    const [url, init] = (f as unknown as ReturnType<typeof vi.fn>).mock.calls[0];
    expect(url).toBe('api/overview');
    expect(init.method).toBe('POST');
    expect(init.headers['x-planner-token']).toBe('tok');
    expect(JSON.parse(init.body)).toEqual({ scenario_id: 2 });
  });

  it('turns {code, message} into an ApiError', async () => {
    const b = httpBackend(null, reply(404, { code: 'not_found', message: 'scenario 9 not found' }));
    await expect(b.call('overview')).rejects.toMatchObject({ code: 'not_found', message: 'scenario 9 not found' });
  });

  it('reports a network failure as unreachable', async () => {
    const f = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const err = (await httpBackend(null, f).call("overview").catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('unreachable');
  });

  it('reads the token from the URL and remembers it', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    expect(readToken({ search: '?token=abc' } as Location, storage)).toBe('abc');
    expect(readToken({ search: '' } as Location, storage)).toBe('abc');
  });
});
