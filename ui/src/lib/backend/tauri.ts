// The desktop transport: one Tauri command, `api`, that hands the call to bureau-api.
import { invoke } from '@tauri-apps/api/core';
import { ApiError } from './api-error';
import type { Answer, Backend, CallArgs, Method } from './backend';

export function tauriBackend(): Backend {
  return {
    async call<M extends Method>(method: M, ...rest: CallArgs<M>): Promise<Answer<M>> {
      try {
        return await invoke<Answer<M>>('api', { method, args: rest[0] ?? {} });
      } catch (e) {
        throw ApiError.from(e);
      }
    },
  };
}
