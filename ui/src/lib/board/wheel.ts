// The mouse wheel over a list inside the board scrolls the board, not the list: a list takes
// the wheel only while it holds the focus (a card in it was clicked) or with Shift/Alt held.
// `wheelRoute` decides; `wheelToBoard` is the action that applies it to a list's viewport.

export type WheelTarget = 'list' | 'board';

export function wheelRoute(e: { shiftKey: boolean; altKey: boolean }, listFocused: boolean): WheelTarget {
  return listFocused || e.shiftKey || e.altKey ? 'list' : 'board';
}

/** Pixels a wheel event asks for, whatever unit the device reports in. */
export function wheelPixels(e: { deltaX: number; deltaY: number; deltaMode: number }, pageHeight: number): number {
  // Shift turns a vertical wheel into deltaX in Chromium: take whichever axis moved.
  const d = e.deltaY !== 0 ? e.deltaY : e.deltaX;
  if (e.deltaMode === 1) return d * 16;
  if (e.deltaMode === 2) return d * pageHeight;
  return d;
}

/** The element marked as the scroller the wheel should move instead of a list. */
export const SCROLLER = '[data-wheel-scroller]';

export function wheelToBoard(node: HTMLElement) {
  function onwheel(e: WheelEvent) {
    const focused = node.contains(document.activeElement);
    if (wheelRoute(e, focused) === 'list') {
      if (focused && !e.shiftKey && !e.altKey) return; // the browser scrolls the focused list
      e.preventDefault();
      node.scrollTop += wheelPixels(e, node.clientHeight);
      return;
    }
    const scroller = node.parentElement?.closest<HTMLElement>(SCROLLER);
    if (!scroller) return;
    e.preventDefault();
    scroller.scrollTop += wheelPixels(e, scroller.clientHeight);
  }
  // Not passive: the default (scrolling the list) is what this replaces.
  node.addEventListener('wheel', onwheel, { passive: false });
  return {
    destroy() {
      node.removeEventListener('wheel', onwheel);
    },
  };
}
