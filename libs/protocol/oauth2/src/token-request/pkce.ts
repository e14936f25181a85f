import { sha256Base64url, timingSafeEqualString } from '@issuer/crypto';
import { invalidGrant, invalidRequest } from '@issuer/protocol-errors';

// RFC 7636 Section 4.1: code-verifier = 43*128unreserved; Section 4.2: the same for code-challenge.
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;
// RFC 7636 Section 4.2: S256 is BASE64URL(SHA256(verifier)), always 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export interface CodeChallenge {
  code_challenge: string;
  code_challenge_method: 'S256';
}

/** RFC 7636 Section 4.3 at the authorization or PAR endpoint; S256 only (HAIP 1.0 Section 4, RFC 9700 Section 2.1.1). */
export function checkCodeChallenge(parameters: { code_challenge?: string; code_challenge_method?: string }): CodeChallenge {
  const { code_challenge, code_challenge_method } = parameters;
  const help = 'Send code_challenge = BASE64URL(SHA-256(code_verifier)) and code_challenge_method = S256';
  if (code_challenge === undefined) throw invalidRequest({ reason: 'code_challenge is missing', help, specRef: 'RFC 7636 Section 4.4.1' });
  if (code_challenge_method !== 'S256') {
    throw invalidRequest({
      reason: code_challenge_method === undefined ? 'code_challenge_method is missing (it defaults to plain)' : `code_challenge_method ${JSON.stringify(code_challenge_method)} is not S256`,
      help,
      specRef: 'RFC 7636 Section 4.3',
    });
  }
  if (!PKCE_VALUE.test(code_challenge)) {
    throw invalidRequest({ reason: `code_challenge of length ${code_challenge.length} is not 43 to 128 unreserved characters`, help, specRef: 'RFC 7636 Section 4.2' });
  }
  if (!S256_CHALLENGE.test(code_challenge)) {
    throw invalidRequest({ reason: `code_challenge of length ${code_challenge.length} cannot be an S256 challenge (43 base64url characters)`, help, specRef: 'RFC 7636 Section 4.2' });
  }
  return { code_challenge, code_challenge_method };
}

/** RFC 7636 Section 4.6 at the token endpoint: every failure is invalid_grant. */
export function verifyPkceS256(verifier: string | undefined, challenge: string): void {
  const help = 'Send the code_verifier whose S256 hash was sent as code_challenge in the authorization request';
  if (verifier === undefined) throw invalidGrant({ reason: 'code_verifier is missing', help, specRef: 'RFC 7636 Section 4.5' });
  if (!PKCE_VALUE.test(verifier)) {
    throw invalidGrant({ reason: `code_verifier of length ${verifier.length} is not 43 to 128 unreserved characters`, help, specRef: 'RFC 7636 Section 4.1' });
  }
  if (!timingSafeEqualString(sha256Base64url(verifier), challenge)) {
    throw invalidGrant({ reason: 'code_verifier does not match the code_challenge', help, specRef: 'RFC 7636 Section 4.6' });
  }
}
