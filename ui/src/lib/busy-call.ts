// How a controller runs a call the planner waits for: busy while it runs, the error of the last
// one kept for the screen (which reads its code), and the answer — null when it was refused.
import { ApiError } from './backend';

/** A controller's own reactive fields that show a call under way and how the last one failed. */
export interface CallState {
  busy: boolean;
  error: ApiError | null;
}

/** Runs `work` with `state.busy` set and the last error cleared; a failure is kept in
 *  `state.error` and answers null. */
export async function busyCall<T>(state: CallState, work: () => Promise<T>): Promise<T | null> {
  state.busy = true;
  state.error = null;
  try {
    return await work();
  } catch (e) {
    state.error = ApiError.from(e);
    return null;
  } finally {
    state.busy = false;
  }
}
