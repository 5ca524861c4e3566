// Which tab the app opens on next: the first-start wizard asks for the structure designer, so a
// workspace made from the bureau's own files lands where its structure is designed. Read once.
export type Landing = 'designer';

let next: Landing | null = null;

export function requestLanding(tab: Landing | null): void {
  next = tab;
}

/** The requested tab, forgotten as it is read. */
export function takeLanding(): Landing | null {
  const tab = next;
  next = null;
  return tab;
}
