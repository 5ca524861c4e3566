import { describe, expect, it } from 'vitest';
import { ApiError } from './backend';
import { busyCall, type CallState } from './busy-call';

describe('busyCall', () => {
  it('is busy while the call runs, then answers what it answered and clears the last error', async () => {
    const state: CallState = { busy: false, error: new ApiError('not_found', 'before') };
    let busyInside = false;
    const answer = await busyCall(state, async () => {
      busyInside = state.busy;
      return 7;
    });
    expect([answer, busyInside, state.busy, state.error]).toEqual([7, true, false, null]);
  });

  it('keeps a refusal as an ApiError with its code and answers null', async () => {
    const state: CallState = { busy: false, error: null };
    const answer = await busyCall(state, () => Promise.reject({ code: 'locked', message: 'idle' }));
    expect(answer).toBeNull();
    expect(state.busy).toBe(false);
    expect(state.error).toBeInstanceOf(ApiError);
    expect(state.error?.code).toBe('locked');
  });
});
