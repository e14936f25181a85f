import { createPublicKey } from 'node:crypto';
import { checkX5cChain, signJwt, type JsonObject, type SigningKey } from '@issuer/crypto';
import type { CredentialIssuerMetadata } from './build-issuer-metadata.js';

export const SIGNED_METADATA_TYPE = 'openidvci-issuer-metadata+jwt';

/**
 * OID4VCI 1.0 Section 12.2.3: the metadata as top-level claims of a JWS typed
 * `openidvci-issuer-metadata+jwt`, `sub` the Credential Issuer Identifier, with the signer's `x5c`
 * so a wallet can establish trust in it.
 */
export function signIssuerMetadata(metadata: CredentialIssuerMetadata, { signingKey, now, ttlSeconds }: { signingKey: SigningKey; now: number; ttlSeconds: number }): string {
  // HAIP 1.0 Section 4.1: the x5c of signed metadata holds no trust anchor, and its signing certificate is not self-signed.
  if (signingKey.x5c) checkX5cChain(signingKey.x5c, createPublicKey(signingKey.privateKey));
  const header = { typ: SIGNED_METADATA_TYPE, alg: signingKey.alg, kid: signingKey.kid, ...(signingKey.x5c && { x5c: signingKey.x5c }) };
  const payload = { ...(metadata as unknown as JsonObject), iss: metadata.credential_issuer, sub: metadata.credential_issuer, iat: now, exp: now + ttlSeconds };
  return signJwt({ header, payload }, signingKey);
}
