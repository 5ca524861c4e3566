// The only module that knows whether the UI runs inside Tauri or in a browser.
import { httpBackend, readToken } from './http';
import { tauriBackend } from './tauri';
import { ApiError } from './api-error';

export { ApiError } from './api-error';
export type { ErrorCode } from './api-error';

export interface Backend {
  call<T>(method: string, args?: object): Promise<T>;
}

export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Told about every call's outcome (the security gate watches for `locked` and background jobs). */
export type CallObserver = (method: string, outcome: { ok: true; value: unknown } | { ok: false; error: ApiError }) => void;
const observers = new Set<CallObserver>();

/** Observes every call made through `getBackend()`; returns the function that stops it. */
export function observeCalls(observer: CallObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** Tells the observers about a call made outside `getBackend()` (the desktop's save command). */
export function reportCall(method: string, outcome: Parameters<CallObserver>[1]): void {
  for (const o of observers) o(method, outcome);
}

/** A backend that reports each call's outcome to `notify`, then answers as `inner` did. */
export function observed(inner: Backend, notify: CallObserver): Backend {
  return {
    async call<T>(method: string, args?: object): Promise<T> {
      let value: T;
      try {
        value = await inner.call<T>(method, args);
      } catch (e) {
        const error = ApiError.from(e);
        notify(method, { ok: false, error });
        throw error;
      }
      notify(method, { ok: true, value });
      return value;
    },
  };
}

let backend: Backend | undefined;

export function getBackend(): Backend {
  backend ??= observed(
    isTauri() ? tauriBackend() : httpBackend(readToken(window.location, window.sessionStorage)),
    reportCall,
  );
  return backend;
}
