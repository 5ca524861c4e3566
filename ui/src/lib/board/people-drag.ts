// What a dragged person card carries: the police numbers of the people it moves, under one
// MIME type of our own (a drop from outside the app carries none of it and is ignored), with
// the numbers as plain text beside it for any other drop target.
export const PEOPLE_MIME = 'application/x-police-numbers';

type Carrier = Pick<DataTransfer, 'types' | 'getData'>;

/** Starts a drag of `set` (police numbers). */
export function startPeopleDrag(dt: DataTransfer | null | undefined, set: string[]): void {
  if (!dt) return;
  dt.setData(PEOPLE_MIME, JSON.stringify(set));
  dt.setData('text/plain', set.join(' '));
  dt.effectAllowed = 'move';
}

/** Whether a drag over a target carries people (the data itself is readable only on drop). */
export function carriesPeople(dt: Pick<DataTransfer, 'types'> | null | undefined): boolean {
  return Array.from(dt?.types ?? []).includes(PEOPLE_MIME);
}

/** The police numbers a drop carries, or `null` for a drop that is not ours. */
export function droppedPeople(dt: Carrier | null | undefined): string[] | null {
  const raw = dt?.getData(PEOPLE_MIME);
  if (!raw) return null;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return null;
  }
  return Array.isArray(list) ? list.map(String) : null;
}
