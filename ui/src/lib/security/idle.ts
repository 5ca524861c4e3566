// Idle lock: fires once after `seconds` without user activity. Activity only stamps the time
// (cheap on every pointer move); the timer re-arms itself for what remains. No DOM: the clock
// and the event target are passed in, so the tests drive it by hand.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What counts as the planner being present: pointer, keyboard, wheel, touch. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export class IdleTimer {
  private limitMs = 0;
  private last = 0;
  private handle: unknown = null;

  constructor(
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
  ) {}

  /** Whether a lock is pending. */
  get armed(): boolean {
    return this.handle !== null;
  }

  /** Starts (or restarts) counting from now; 0 or less stops it. */
  start(seconds: number): void {
    this.stop();
    if (!(seconds > 0)) return;
    this.limitMs = seconds * 1000;
    this.last = this.clock.now();
    this.arm(this.limitMs);
  }

  /** The planner did something. */
  activity(): void {
    this.last = this.clock.now();
  }

  stop(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Counts activity events on `target` (the window); returns the function that stops it. */
  listen(target: EventTarget): () => void {
    const on = () => this.activity();
    const options = { capture: true, passive: true };
    for (const e of ACTIVITY_EVENTS) target.addEventListener(e, on, options);
    return () => {
      for (const e of ACTIVITY_EVENTS) target.removeEventListener(e, on, options);
    };
  }

  private arm(ms: number): void {
    this.handle = this.clock.setTimeout(() => this.check(), Math.max(0, ms));
  }

  private check(): void {
    this.handle = null;
    const idle = this.clock.now() - this.last;
    if (idle >= this.limitMs) this.onIdle();
    else this.arm(this.limitMs - idle);
  }
}
