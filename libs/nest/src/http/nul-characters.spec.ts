import { describe, expect, it } from '@jest/globals';
import { jsonTextContainsNul } from './nul-characters.js';

describe('jsonTextContainsNul', () => {
  it('finds the \\u0000 escape in a member name or value', () => {
    expect(jsonTextContainsNul(JSON.stringify({ family_name: 'M\u0000' }))).toBe(true);
    expect(jsonTextContainsNul(JSON.stringify({ ['a\u0000']: 1 }))).toBe(true);
    expect(jsonTextContainsNul(JSON.stringify(['\\', '\u0000']))).toBe(true);
  });

  it('does not mistake an escaped backslash followed by u0000 for a NUL', () => {
    expect(jsonTextContainsNul(JSON.stringify({ path: '\\u0000' }))).toBe(false);
    expect(jsonTextContainsNul(JSON.stringify({ family_name: 'Mustermann' }))).toBe(false);
  });
});
