// Who hears every call's outcome: the security gate watches for `locked` and background jobs.
import { ApiError } from './api-error';
import type { Answer, Backend, CallArgs, Method } from './backend';

/** Told about every call's outcome. */
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
