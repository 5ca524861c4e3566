import { describe, expect, it } from 'vitest';
import { wheelPixels, wheelRoute } from './wheel';

describe('wheel over a list', () => {
  it('scrolls the board unless the list has the focus or a modifier is held', () => {
    const plain = { shiftKey: false, altKey: false };
    expect(wheelRoute(plain, false)).toBe('board');
    expect(wheelRoute(plain, true)).toBe('list');
    expect(wheelRoute({ shiftKey: true, altKey: false }, false)).toBe('list');
    expect(wheelRoute({ shiftKey: false, altKey: true }, false)).toBe('list');
  });

  it('turns lines and pages into pixels and takes the axis that moved', () => {
    expect(wheelPixels({ deltaX: 0, deltaY: 100, deltaMode: 0 }, 500)).toBe(100);
    expect(wheelPixels({ deltaX: 0, deltaY: 3, deltaMode: 1 }, 500)).toBe(48);
    expect(wheelPixels({ deltaX: 0, deltaY: 1, deltaMode: 2 }, 500)).toBe(500);
    expect(wheelPixels({ deltaX: -120, deltaY: 0, deltaMode: 0 }, 500)).toBe(-120);
  });
});
