import { describe, expect, it } from 'vitest';
import { DialogStack } from './stack';

function opener(name: string, log: string[], connected = true) {
  return { focus: () => log.push(`focus ${name}`), isConnected: connected };
}

describe('DialogStack', () => {
  it('closes the innermost dialog on Escape and gives the focus back to its opener', () => {
    const log: string[] = [];
    const stack = new DialogStack();
    const outer = stack.push({ close: () => log.push('close outer'), opener: opener('header button', log) });
    const inner = stack.push({ close: () => log.push('close inner'), opener: opener('outer field', log) });
    expect(stack.escape()).toBe(true);
    expect(log).toEqual(['close inner']);
    stack.remove(inner);
    expect(log).toEqual(['close inner', 'focus outer field']);
    expect(stack.escape()).toBe(true);
    stack.remove(outer);
    expect(log).toEqual(['close inner', 'focus outer field', 'close outer', 'focus header button']);
    expect(stack.size).toBe(0);
  });

  it('leaves Escape to the page when no dialog is open', () => {
    expect(new DialogStack().escape()).toBe(false);
  });

  it('closes the dialog holding the focus, and leaves a dialog off the stack alone', () => {
    const log: string[] = [];
    const stack = new DialogStack();
    stack.push({ close: () => log.push('solve'), opener: null, root: 'solve-panel' });
    stack.push({ close: () => log.push('tradeoff'), opener: null, root: 'tradeoff-panel' });
    expect(stack.escape('solve-panel')).toBe(true);
    expect(stack.escape('security-dialog')).toBe(false);
    expect(log).toEqual(['solve']);
  });

  it('does not focus an opener that left the page', () => {
    const log: string[] = [];
    const stack = new DialogStack();
    const d = stack.push({ close: () => {}, opener: opener('gone', log, false) });
    stack.remove(d);
    stack.remove(d);
    expect(log).toEqual([]);
  });
});
