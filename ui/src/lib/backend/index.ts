// The only module that knows whether the UI runs inside Tauri or in a browser.
import { httpBackend, readToken } from './http';
import { tauriBackend } from './tauri';

export { ApiError } from './api-error';
export type { ErrorCode } from './api-error';

export interface Backend {
  call<T>(method: string, args?: object): Promise<T>;
}

export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

let backend: Backend | undefined;

export function getBackend(): Backend {
  backend ??= isTauri()
    ? tauriBackend()
    : httpBackend(readToken(window.location, window.sessionStorage));
  return backend;
}
