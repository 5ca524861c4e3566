// The only module that knows whether the UI runs inside Tauri or in a browser.
import { httpBackend, readToken } from './http';
import { tauriBackend } from './tauri';
import { ApiError } from './api-error';
import type { Answer, Args, Method } from '../api/methods';

export { ApiError } from './api-error';
export type { CallCode } from './api-error';
export type { Answer, Args, Method } from '../api/methods';

/** What follows the method name: nothing for a method without arguments, the arguments
 *  (optional when every field is) otherwise. */
export type CallArgs<M extends Method> = Args<M> extends null
  ? []
  : object extends Args<M>
    ? [args?: Args<M>]
    : [args: Args<M>];

/** The API, typed by the generated method map (`ui/src/lib/api/methods.ts`). */
export interface Backend {
  call<M extends Method>(method: M, ...args: CallArgs<M>): Promise<Answer<M>>;
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
    async call<M extends Method>(method: M, ...args: CallArgs<M>): Promise<Answer<M>> {
      let value: Answer<M>;
      try {
        value = await inner.call(method, ...args);
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
