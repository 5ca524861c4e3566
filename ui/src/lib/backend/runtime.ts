// Which host the page runs in: the desktop app (Tauri's IPC is present) or a browser.

/** True inside the desktop app, false in a browser. */
export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}
