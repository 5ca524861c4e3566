// The desktop transport: one Tauri command, `api`, that hands the call to bureau-api.
import { invoke } from '@tauri-apps/api/core';
import { ApiError } from './api-error';
import type { Backend } from './index';

export function tauriBackend(): Backend {
  return {
    async call<T>(method: string, args: object = {}): Promise<T> {
      try {
        return await invoke<T>('api', { method, args });
      } catch (e) {
        throw ApiError.from(e);
      }
    },
  };
}
