import { randomUUID, type KeyObject } from 'node:crypto';
import { signCompactJws } from './sign-compact-jws.js';
import type { WalletKey } from './wallet-key.js';

/** A Wallet Provider that signs attestations: its P-256 key and the `x5c` of that key, leaf first, without the root. */
export interface WalletProviderSigner {
  privateKey: KeyObject;
  x5c: string[];
}

export interface CreateClientAttestationOptions {
  provider: WalletProviderSigner;
  /** The wallet instance key the attestation binds in `cnf.jwk`. */
  instance: WalletKey;
  clientId: string;
  /** Epoch seconds; defaults to now. */
  iat?: number;
  /** Members to replace or add; a member set to undefined is left out. */
  overrides?: { header?: Record<string, unknown>; payload?: Record<string, unknown> };
}

/** A Wallet Attestation (OID4VCI 1.0 Appendix E, draft-ietf-oauth-attestation-based-client-auth-07 Section 5.1), valid for a day. */
export function createClientAttestation(options: CreateClientAttestationOptions): string {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return signCompactJws(
    { typ: 'oauth-client-attestation+jwt', alg: 'ES256', x5c: options.provider.x5c, ...options.overrides?.header },
    { iss: 'https://wallet-provider.example.com', sub: options.clientId, wallet_name: 'Test Wallet', iat, exp: iat + 86_400, cnf: { jwk: options.instance.publicJwk }, ...options.overrides?.payload },
    options.provider.privateKey,
  );
}

export interface CreateClientAttestationPopOptions {
  instance: WalletKey;
  clientId: string;
  /** The authorization server's issuer identifier. */
  aud: string;
  challenge?: string;
  /** Epoch seconds; defaults to now. */
  iat?: number;
  jti?: string;
  overrides?: { header?: Record<string, unknown>; payload?: Record<string, unknown> };
}

/** The Client Attestation PoP (draft-ietf-oauth-attestation-based-client-auth-07 Section 5.2), signed with the instance key. */
export function createClientAttestationPop(options: CreateClientAttestationPopOptions): string {
  return signCompactJws(
    { typ: 'oauth-client-attestation-pop+jwt', alg: 'ES256', ...options.overrides?.header },
    {
      iss: options.clientId,
      aud: options.aud,
      jti: options.jti ?? randomUUID(),
      iat: options.iat ?? Math.floor(Date.now() / 1000),
      ...(options.challenge !== undefined && { challenge: options.challenge }),
      ...options.overrides?.payload,
    },
    options.instance.privateKey,
  );
}
