// `use:dialog={onclose}` on a dialog's root element: it joins the page's dialog stack, takes
// the focus (its `[data-autofocus]` child, else itself), closes on Escape when it is the
// innermost one, and gives the focus back to its opener when it goes.
import { DialogStack, type OpenDialog } from './stack';

export const dialogs = new DialogStack((f) => setTimeout(f, 0));

let listening = false;
function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // Capture phase on the window: the dialog sees Escape before the board's own shortcuts.
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const focused = document.activeElement?.closest('[role="dialog"], [role="alertdialog"]') ?? null;
      if (dialogs.escape(focused)) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    true,
  );
}

export function dialog(node: HTMLElement, onclose: () => void) {
  listen();
  let close = onclose;
  const active = document.activeElement;
  const entry: OpenDialog = dialogs.push({
    close: () => close(),
    opener: active instanceof HTMLElement && active !== document.body ? active : null,
    root: node,
  });
  if (!node.hasAttribute('tabindex')) node.setAttribute('tabindex', '-1');
  (node.querySelector<HTMLElement>('[data-autofocus]') ?? node).focus();
  return {
    update(next: () => void) {
      close = next;
    },
    destroy() {
      dialogs.remove(entry);
    },
  };
}
