import { sign, type KeyObject } from 'node:crypto';

/**
 * A compact JWS signed with ES256 over node:crypto, whatever `alg` the header claims, so tests can
 * send a header that lies. Hand-built rather than with jose to keep the benchmark's wallet cheap.
 */
export function signCompactJws(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: KeyObject): string {
  const signingInput = `${encode(header)}.${encode(payload)}`;
  // RFC 7518 Section 3.4: the ECDSA signature is R || S.
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

function encode(part: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}
