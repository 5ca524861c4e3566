// The browser transport: `planner serve` on 127.0.0.1, POST api/<method> with the per-run token.
import { ApiError } from './api-error';
import type { Answer, Backend, CallArgs, Method } from './backend';

const TOKEN_KEY = 'planner-token';

/** The token from the page URL (kept for reloads that drop the query). */
export function readToken(location: Location, storage: Storage | undefined): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    storage?.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return storage?.getItem(TOKEN_KEY) ?? null;
}

export function httpBackend(token: string | null, fetchFn: typeof fetch = fetch): Backend {
  return {
    async call<M extends Method>(method: M, ...rest: CallArgs<M>): Promise<Answer<M>> {
      const args = rest[0] ?? {};
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers['x-planner-token'] = token;
      let res: Response;
      try {
        res = await fetchFn(`api/${method}`, { method: 'POST', headers, body: JSON.stringify(args) });
      } catch (e) {
        throw new ApiError('unreachable', e instanceof Error ? e.message : String(e));
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ApiError(res.ok ? 'internal' : 'unreachable', `HTTP ${res.status}`);
      }
      if (!res.ok) throw ApiError.from(body);
      return body as Answer<M>;
    },
  };
}
