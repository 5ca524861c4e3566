// Checking a new passphrase before it reaches the backend (which checks again).

/** The backend refuses shorter passphrases with bad_request. */
export const MIN_PASSPHRASE = 8;

export type PassphraseProblem = 'empty' | 'tooShort' | 'mismatch';

/** Characters, not UTF-16 units: "警察" is two, like the backend counts. */
export function passphraseLength(p: string): number {
  return [...p].length;
}

/** The first thing wrong with a new passphrase and its confirmation, or null. */
export function newPassphraseProblem(passphrase: string, confirm: string): PassphraseProblem | null {
  if (passphrase.length === 0) return 'empty';
  if (passphraseLength(passphrase) < MIN_PASSPHRASE) return 'tooShort';
  if (passphrase !== confirm) return 'mismatch';
  return null;
}

/**
 * A submitted new passphrase the form must keep: focuses the field to fix (the confirmation on
 * a mismatch, else the passphrase) and answers true; false when it may go to the backend.
 */
export function refuseNewPassphrase(
  passphrase: string,
  confirm: string,
  fields: { first?: { focus(): void }; second?: { focus(): void } },
): boolean {
  const p = newPassphraseProblem(passphrase, confirm);
  if (p === null) return false;
  (p === 'mismatch' ? fields.second : fields.first)?.focus();
  return true;
}

/**
 * What to show while the planner is still typing: nothing for untouched fields, "too short"
 * once the first field was left or the form submitted, "do not match" once the confirmation has
 * as many characters as the passphrase (or the form was submitted).
 */
export function visibleProblem(
  passphrase: string,
  confirm: string,
  touched: { passphrase: boolean; submitted: boolean },
): PassphraseProblem | null {
  const problem = newPassphraseProblem(passphrase, confirm);
  if (touched.submitted) return problem;
  if (problem === 'tooShort') return touched.passphrase ? problem : null;
  if (problem === 'mismatch') return confirm.length >= passphrase.length ? problem : null;
  return null;
}

/** Idle-lock choices offered in the security dialog, in seconds (0 = never). */
export const IDLE_CHOICES = [300, 600, 900, 1800, 3600, 0] as const;
