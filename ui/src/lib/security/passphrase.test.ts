import { describe, expect, it } from 'vitest';
import { IDLE_CHOICES, MIN_PASSPHRASE, newPassphraseProblem, passphraseLength, refuseNewPassphrase, visibleProblem } from './passphrase';

describe('new passphrase', () => {
  it('a refused submission focuses the field to fix', () => {
    const focused: string[] = [];
    const fields = { first: { focus: () => focused.push('first') }, second: { focus: () => focused.push('second') } };
    expect(refuseNewPassphrase('1234567', '1234567', fields)).toBe(true);
    expect(refuseNewPassphrase('12345678', '1234567', fields)).toBe(true);
    expect(refuseNewPassphrase('12345678', '12345678', fields)).toBe(false);
    expect(focused).toEqual(['first', 'second']);
  });

  it('needs 8 characters and a matching confirmation', () => {
    expect(MIN_PASSPHRASE).toBe(8);
    expect(newPassphraseProblem('', '')).toBe('empty');
    expect(newPassphraseProblem('1234567', '1234567')).toBe('tooShort');
    expect(newPassphraseProblem('12345678', '1234567')).toBe('mismatch');
    expect(newPassphraseProblem('12345678', '12345678')).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passphraseLength('青山县公安局警务')).toBe(8);
    expect(newPassphraseProblem('青山县公安局警务', '青山县公安局警务')).toBeNull();
    expect(passphraseLength('𠀀𠀀𠀀𠀀')).toBe(4);
    expect(newPassphraseProblem('𠀀𠀀𠀀𠀀', '𠀀𠀀𠀀𠀀')).toBe('tooShort');
  });

  it('shows problems only once they are fair to show', () => {
    const fresh = { passphrase: false, submitted: false };
    expect(visibleProblem('', '', fresh)).toBeNull();
    expect(visibleProblem('abc', '', fresh)).toBeNull();
    expect(visibleProblem('abc', '', { ...fresh, passphrase: true })).toBe('tooShort');
    // A half-typed confirmation is no mismatch yet; a full-length one is.
    expect(visibleProblem('abcdefgh', 'abcd', fresh)).toBeNull();
    expect(visibleProblem('abcdefgh', 'abcdefgx', fresh)).toBe('mismatch');
    expect(visibleProblem('', '', { ...fresh, submitted: true })).toBe('empty');
    expect(visibleProblem('abcdefgh', 'abcd', { ...fresh, submitted: true })).toBe('mismatch');
    expect(visibleProblem('abcdefgh', 'abcdefgh', { passphrase: true, submitted: true })).toBeNull();
  });

  it('offers 5, 10, 15, 30, 60 minutes and never', () => {
    expect([...IDLE_CHOICES]).toEqual([300, 600, 900, 1800, 3600, 0]);
  });
});
