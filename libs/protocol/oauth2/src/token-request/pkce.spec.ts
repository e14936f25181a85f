import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { checkCodeChallenge, verifyPkceS256 } from './pkce.js';

// RFC 7636 Appendix B
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const rejection = protocolErrorOf;

describe('checkCodeChallenge', () => {
  it('accepts an S256 challenge', () => {
    expect(checkCodeChallenge({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })).toEqual({ code_challenge: CHALLENGE, code_challenge_method: 'S256' });
  });

  it('A1: refuses a missing code_challenge', () => {
    expect(rejection(() => checkCodeChallenge({ code_challenge_method: 'S256' }))).toMatchObject({ error: 'invalid_request', reason: 'code_challenge is missing' });
  });

  it('A2: refuses plain and a missing method', () => {
    expect(rejection(() => checkCodeChallenge({ code_challenge: CHALLENGE, code_challenge_method: 'plain' }))).toMatchObject({ error: 'invalid_request', reason: 'code_challenge_method "plain" is not S256' });
    expect(rejection(() => checkCodeChallenge({ code_challenge: CHALLENGE })).reason).toMatch(/defaults to plain/);
  });

  it('A3: refuses challenges of the wrong length or charset', () => {
    expect(rejection(() => checkCodeChallenge({ code_challenge: 'short', code_challenge_method: 'S256' })).error).toBe('invalid_request');
    expect(rejection(() => checkCodeChallenge({ code_challenge: `${CHALLENGE.slice(0, 42)}+`, code_challenge_method: 'S256' })).error).toBe('invalid_request');
    expect(rejection(() => checkCodeChallenge({ code_challenge: `${CHALLENGE}~`, code_challenge_method: 'S256' })).reason).toMatch(/cannot be an S256 challenge/);
  });
});

describe('verifyPkceS256', () => {
  it('accepts the RFC 7636 Appendix B verifier', () => {
    expect(() => verifyPkceS256(VERIFIER, CHALLENGE)).not.toThrow();
  });

  it('A10: refuses a missing code_verifier with invalid_grant', () => {
    expect(rejection(() => verifyPkceS256(undefined, CHALLENGE))).toMatchObject({ error: 'invalid_grant', reason: 'code_verifier is missing' });
  });

  it('A11: refuses a wrong or malformed code_verifier with invalid_grant, without echoing it', () => {
    const wrong = `${VERIFIER.slice(0, -1)}l`;
    const error = rejection(() => verifyPkceS256(wrong, CHALLENGE));
    expect(error).toMatchObject({ error: 'invalid_grant', reason: 'code_verifier does not match the code_challenge' });
    expect(`${error.reason} ${error.help}`).not.toContain(wrong);
    expect(rejection(() => verifyPkceS256('too-short', CHALLENGE)).reason).toMatch(/not 43 to 128 unreserved/);
  });
});
