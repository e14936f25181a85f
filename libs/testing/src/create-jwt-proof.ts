import { signCompactJws } from './sign-compact-jws.js';
import type { WalletKey } from './wallet-key.js';

export interface CreateJwtProofOptions {
  key: WalletKey;
  /** The Credential Issuer Identifier. */
  aud: string;
  /** The c_nonce from the Nonce Endpoint. */
  nonce?: string;
  /** Epoch seconds; defaults to now. */
  iat?: number;
  /** The client_id; left out for anonymous pre-authorized access. */
  iss?: string;
  typ?: string;
  alg?: string;
  /** Members to replace or add; a member set to undefined is left out. */
  headerOverrides?: Record<string, unknown>;
  payloadOverrides?: Record<string, unknown>;
}

/** A key proof of the `jwt` proof type (OID4VCI 1.0 Appendix F.1) with the public key in the `jwk` header. */
export function createJwtProof(options: CreateJwtProofOptions): string {
  const header = {
    typ: options.typ ?? 'openid4vci-proof+jwt',
    alg: options.alg ?? 'ES256',
    jwk: options.key.publicJwk,
    ...options.headerOverrides,
  };
  const payload = {
    ...(options.iss !== undefined && { iss: options.iss }),
    aud: options.aud,
    iat: options.iat ?? Math.floor(Date.now() / 1000),
    ...(options.nonce !== undefined && { nonce: options.nonce }),
    ...options.payloadOverrides,
  };
  return signCompactJws(header, payload, options.key.privateKey);
}
