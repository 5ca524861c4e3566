// The backend module's face: picks the transport for where the UI runs (`runtime.ts`) once and
// hands out the observed backend. The interface every transport implements is `backend.ts`.
import { httpBackend, readToken } from './http';
import { tauriBackend } from './tauri';
import type { Backend } from './backend';
import { isTauri } from './runtime';
import { observed, reportCall } from './observers';

export { ApiError } from './api-error';
export type { CallCode } from './api-error';
export { isTauri } from './runtime';
export type { Answer, Args, Backend, CallArgs, Method } from './backend';
export { observeCalls, observed, reportCall } from './observers';
export type { CallObserver } from './observers';

let backend: Backend | undefined;

export function getBackend(): Backend {
  backend ??= observed(
    isTauri() ? tauriBackend() : httpBackend(readToken(window.location, window.sessionStorage)),
    reportCall,
  );
  return backend;
}
