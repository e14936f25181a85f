import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJws, signJwt, type JsonObject } from '@issuer/crypto';
import { createCNonce } from '@issuer/protocol-oid4vci';

/**
 * What only the platform itself could produce, made from its KEYS_DIR: an access token or a c_nonce
 * that is genuine in every respect but the one under test, so that the check refusing it is that one.
 */
const keysDir = (): string => {
  const dir = process.env['E2E_KEYS_DIR'];
  if (!dir) throw new Error('E2E_KEYS_DIR is not set: run the e2e suite through its global setup');
  return dir;
};

/** The access token re-signed with the platform's access token key after `change` edits its claims. */
export function reissuedAccessToken(accessToken: string, change: (claims: JsonObject) => JsonObject): string {
  const { header, payload } = decodeJws(accessToken);
  const privateKey = createPrivateKey(readFileSync(join(keysDir(), 'access_token.pem'), 'utf8'));
  return signJwt({ header, payload: change({ ...payload }) }, { privateKey });
}

/** A c_nonce the platform sealed `ageSeconds` ago with a lifetime of `ttlSeconds`. */
export function cNonceIssuedAgo(ageSeconds: number, ttlSeconds: number): string {
  const secret = readFileSync(join(keysDir(), 'nonce-secret'), 'utf8').trim();
  return createCNonce({ secret, now: Math.floor(Date.now() / 1000) - ageSeconds, ttlSeconds });
}
