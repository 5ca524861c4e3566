import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_EVENTS, IdleTimer } from './idle';
import { manualClock } from './test-clock';

describe('IdleTimer', () => {
  it('fires once after the limit without activity', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const idle = new IdleTimer(onIdle, clock);
    idle.start(10);
    expect(idle.armed).toBe(true);
    advance(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(idle.armed).toBe(false);
    advance(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(pending()).toBe(0);
  });

  it('counts from the last activity, with one timer at a time', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const idle = new IdleTimer(onIdle, clock);
    idle.start(10);
    advance(6_000);
    idle.activity();
    advance(3_000);
    idle.activity();
    idle.activity();
    expect(pending()).toBe(1);
    advance(9_999);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires when stopped or set to 0', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const idle = new IdleTimer(onIdle, clock);
    idle.start(0);
    expect(idle.armed).toBe(false);
    idle.start(5);
    idle.stop();
    advance(60_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(pending()).toBe(0);
  });

  it('restarting replaces the pending timer', () => {
    const { clock, advance, pending } = manualClock();
    const onIdle = vi.fn();
    const idle = new IdleTimer(onIdle, clock);
    idle.start(5);
    advance(4_000);
    idle.start(5);
    expect(pending()).toBe(1);
    advance(4_000);
    expect(onIdle).not.toHaveBeenCalled();
    advance(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('listens to pointer, key, wheel and touch events, and stops listening', () => {
    const { clock, advance } = manualClock();
    const onIdle = vi.fn();
    const idle = new IdleTimer(onIdle, clock);
    const target = new EventTarget();
    const stop = idle.listen(target);
    expect(ACTIVITY_EVENTS).toEqual(expect.arrayContaining(['pointermove', 'keydown', 'wheel', 'touchstart']));
    idle.start(2);
    for (const name of ACTIVITY_EVENTS) {
      advance(1_500);
      target.dispatchEvent(new Event(name));
    }
    expect(onIdle).not.toHaveBeenCalled();
    stop();
    advance(1_500);
    target.dispatchEvent(new Event('keydown'));
    advance(500);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
