import { describe, expect, it } from 'vitest';
import { en } from './en';
import { errorKey, errorText } from './error-text';
import type { MessageKey } from './messages';
import { translate } from './locale.svelte';
import { zhCN } from './zh-CN';

describe('errorText', () => {
  const zh = (key: MessageKey) => translate(zhCN, key);
  const english = (key: MessageKey) => translate(en, key);

  it('reads a known code from the dictionary of the language', () => {
    expect(errorKey('wrong_passphrase')).toBe('errors.wrong_passphrase');
    expect(errorText(zh, 'storage')).toBe(zhCN['errors.storage']);
    expect(errorText(english, 'storage')).toBe(en['errors.storage']);
  });

  it('reads an unknown, missing or prototype-named code as an internal error', () => {
    for (const code of ['from_a_newer_backend', '', null, undefined, 'constructor', '__proto__', 'title', 'retry']) {
      expect(errorKey(code)).toBe('errors.internal');
    }
    expect(errorText(english, 'title_of_nothing')).toBe(en['errors.internal']);
  });
});
