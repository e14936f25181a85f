import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign } from 'jose';

export type PublicEcJwk = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
};

/** A P-256 key held by the wallet: for key proofs (credential binding) or DPoP. */
export interface WalletKey {
  publicJwk: PublicEcJwk;
  /** Signs the header and payload exactly as given (ES256). */
  sign(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string>;
  thumbprint(): Promise<string>;
}

export function generateWalletKey(): WalletKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = publicKey.export({ format: 'jwk' });
  const publicJwk: PublicEcJwk = { kty: 'EC', crv: 'P-256', x: x!, y: y! };
  return {
    publicJwk,
    sign: (header, payload) => signCompact(privateKey, header, payload),
    thumbprint: () => jwkThumbprint(publicJwk),
  };
}

/** RFC 7638 thumbprint over the required EC members only. */
export function jwkThumbprint(jwk: { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown }): Promise<string> {
  return calculateJwkThumbprint({ kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y) }, 'sha256');
}

async function signCompact(privateKey: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  if (header.alg !== 'ES256') throw new Error(`this wallet key signs ES256 only, not ${String(header.alg)}`);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ ...header, alg: 'ES256' })
    .sign(privateKey);
}
