import { describe, expect, it } from '@jest/globals';
import { createPkcePair, s256CodeChallenge } from './create-pkce-pair.js';

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of the Appendix B example', () => {
    expect(s256CodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('creates a 43-character verifier from the unreserved set with its challenge', () => {
    const pair = createPkcePair();
    expect(pair.code_verifier).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
    expect(pair.code_challenge).toBe(s256CodeChallenge(pair.code_verifier));
    expect(pair.code_challenge_method).toBe('S256');
  });
});
