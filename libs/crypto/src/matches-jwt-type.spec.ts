import { describe, expect, it } from '@jest/globals';
import { matchesJwtType } from './matches-jwt-type.js';

describe('matchesJwtType', () => {
  it('accepts the media type in any case, with or without the application/ prefix', () => {
    expect(matchesJwtType('dpop+jwt', 'dpop+jwt')).toBe(true);
    expect(matchesJwtType('DPoP+JWT', 'dpop+jwt')).toBe(true);
    expect(matchesJwtType('application/openid4vci-proof+jwt', 'openid4vci-proof+jwt')).toBe(true);
  });

  it('refuses other types, prefixes and non-strings', () => {
    expect(matchesJwtType('JWT', 'dpop+jwt')).toBe(false);
    expect(matchesJwtType('text/dpop+jwt', 'dpop+jwt')).toBe(false);
    expect(matchesJwtType(' dpop+jwt', 'dpop+jwt')).toBe(false);
    expect(matchesJwtType(undefined, 'dpop+jwt')).toBe(false);
    expect(matchesJwtType(['dpop+jwt'], 'dpop+jwt')).toBe(false);
  });
});
