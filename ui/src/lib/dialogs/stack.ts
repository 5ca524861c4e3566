// The open dialogs, innermost last: Escape closes only the innermost one, and closing a dialog
// gives the focus back to what had it when the dialog opened. No Svelte, no DOM types beyond
// "something that can take focus", so the order of closing is testable on its own.

export interface Focusable {
  focus(): void;
  readonly isConnected?: boolean;
}

export interface OpenDialog {
  close: () => void;
  /** What had the focus when the dialog opened. */
  opener: Focusable | null;
  /** The dialog's root element, when it has one. */
  root?: unknown;
}

export class DialogStack {
  private readonly open: OpenDialog[] = [];

  /** `later` runs the focus hand-back: after the page has settled (an opener disabled while
   *  the dialog worked is enabled again in the same update that closes the dialog). */
  constructor(private readonly later: (f: () => void) => void = (f) => f()) {}

  get size(): number {
    return this.open.length;
  }

  push(dialog: OpenDialog): OpenDialog {
    this.open.push(dialog);
    return dialog;
  }

  /** Removes a dialog (closed by any means) and gives the focus back to its opener. */
  remove(dialog: OpenDialog): void {
    const at = this.open.indexOf(dialog);
    if (at < 0) return;
    this.open.splice(at, 1);
    const opener = dialog.opener;
    // An opener that left the page (a row re-rendered meanwhile) cannot take the focus.
    if (opener) this.later(() => opener.isConnected !== false && opener.focus());
  }

  /**
   * Escape: closes the dialog that holds the focus (`focusedRoot`), else the innermost one.
   * False when the key is not ours: no dialog open, or the focus is in a dialog that is not on
   * the stack (one that handles its own Escape).
   */
  escape(focusedRoot: unknown = null): boolean {
    const target = focusedRoot === null ? this.open.at(-1) : this.open.find((d) => d.root === focusedRoot);
    if (!target) return false;
    target.close();
    return true;
  }
}
