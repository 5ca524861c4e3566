// The one way an import problem's `expected` becomes text: `expected.<key>` with its parameters
// filled in; a nested choice (what a row holds, an encoding) is worded by its own key. Texts the
// file or workspace supplied (unit names, headers) stay as sent.
import type { Expected } from '../api';
import type { MessageKey } from './messages';
import { zhCN } from './zh-CN';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// Parameters whose value is itself a key of the dictionaries (`expected.<param>.<value>`).
const WORDED = new Set(['thing', 'reads_as']);

export function expectedText(t: Translate, e: Expected): string {
  const key = `expected.${e.key}`;
  // A key from a newer backend than these dictionaries still shows something readable.
  if (!Object.hasOwn(zhCN, key)) return e.key;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries('params' in e ? e.params : {})) {
    if (WORDED.has(name)) params[name] = t(`expected.${name}.${String(value)}` as MessageKey);
    else params[name] = value as string | number;
  }
  return t(key as MessageKey, params);
}
