import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  code_verifier: string;
  code_challenge: string;
  code_challenge_method: 'S256';
}

/** RFC 7636 Section 4.1 and 4.2: a 43-character verifier and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const code_verifier = randomBytes(32).toString('base64url');
  return { code_verifier, code_challenge: s256CodeChallenge(code_verifier), code_challenge_method: 'S256' };
}

// RFC 7636 Section 4.2: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))).
export function s256CodeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}
