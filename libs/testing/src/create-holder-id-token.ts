import { base58 } from '@scure/base';
import { signCompactJws } from './sign-compact-jws.js';
import type { WalletKey } from './wallet-key.js';

/** The did:jwk of a wallet key, as EBSI-style wallets use for their client_id. */
export function didJwkOf(key: WalletKey): string {
  return `did:jwk:${Buffer.from(JSON.stringify(key.publicJwk)).toString('base64url')}`;
}

/** The did:key (jwk_jcs-pub, multicodec 0xeb51) of a wallet key, as EBSI's natural-person wallets build it. */
export function didKeyJcsOf(key: WalletKey): string {
  const { crv, kty, x, y } = key.publicJwk;
  const jcs = Buffer.from(JSON.stringify({ crv, kty, x, y }));
  return `did:key:z${base58.encode(Uint8Array.from([0xd1, 0xd6, 0x03, ...jcs]))}`;
}

export interface HolderIdTokenOptions {
  key: WalletKey;
  /** The holder's DID; iss, sub and the DID of kid. */
  did: string;
  aud: string;
  nonce: string | undefined;
  /** Epoch seconds; defaults to now. */
  iat?: number;
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

/** A Self-Issued ID Token (SIOPv2) answering an ID Token Request; overrides may break it on purpose. */
export function createHolderIdToken(options: HolderIdTokenOptions): string {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  const fragment = options.did.startsWith('did:key:') ? options.did.slice('did:key:'.length) : '0';
  const header = { alg: 'ES256', typ: 'JWT', kid: `${options.did}#${fragment}`, ...options.header };
  const payload = { iss: options.did, sub: options.did, aud: options.aud, iat, exp: iat + 300, ...(options.nonce !== undefined && { nonce: options.nonce }), ...options.payload };
  return signCompactJws(header, payload, options.key.privateKey);
}
