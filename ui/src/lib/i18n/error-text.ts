// The one way an API error's code becomes text: `errors.<code>` when the dictionaries know the
// code, `errors.internal` otherwise (a code from a newer backend still reads as a sentence).
// Components show this and put the English technical message beneath it; they never branch on
// the message.
import type { MessageKey } from './messages';
import { zhCN } from './zh-CN';

// Keys under `errors.` that label the error panel rather than name a code.
const NOT_CODES = new Set(['title', 'retry']);

export function errorKey(code: string | null | undefined): MessageKey {
  if (!code || NOT_CODES.has(code)) return 'errors.internal';
  const key = `errors.${code}`;
  return Object.hasOwn(zhCN, key) ? (key as MessageKey) : 'errors.internal';
}

export function errorText(
  t: (key: MessageKey) => string,
  code: string | null | undefined,
): string {
  return t(errorKey(code));
}
