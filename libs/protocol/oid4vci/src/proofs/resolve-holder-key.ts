import { ECDH, X509Certificate } from 'node:crypto';
import type { JWK } from '@issuer/crypto';
import { base58 } from '@scure/base';

/** Why a key proof's `kid` or `x5c` names no usable public key; the message says what was wrong. */
export class HolderKeyError extends Error {}

// did:key multicodec prefixes (unsigned varints) of the key types wallets use for key proofs.
const P256_PUB = [0x80, 0x24];
const ED25519_PUB = [0xed, 0x01];

/**
 * The public key a key proof's `kid` names (OID4VCI 1.0 Appendix F.1: "kid ... MUST NOT be present
 * if jwk or x5c is present"), resolved offline: did:jwk (the JWK is in the identifier) and did:key
 * with a P-256 or Ed25519 key. The DID URL's fragment, if any, selects that one key.
 */
export function resolveKidToJwk(kid: string): JWK {
  const did = kid.split('#')[0] ?? '';
  if (did.startsWith('did:jwk:')) return didJwk(did.slice('did:jwk:'.length));
  if (did.startsWith('did:key:')) return didKey(did.slice('did:key:'.length));
  throw new HolderKeyError(`kid ${JSON.stringify(kid)} is neither a did:jwk nor a did:key DID URL`);
}

/** The leaf certificate's public key of an `x5c` header (RFC 7515 Section 4.1.6: base64 DER, leaf first). */
export function resolveX5cToJwk(x5c: unknown): JWK {
  if (!Array.isArray(x5c) || x5c.length === 0 || typeof x5c[0] !== 'string') throw new HolderKeyError('x5c is not a non-empty array of base64 certificates');
  try {
    return new X509Certificate(Buffer.from(x5c[0], 'base64')).publicKey.export({ format: 'jwk' }) as JWK;
  } catch (error) {
    throw new HolderKeyError(`x5c[0] is not a DER certificate (${(error as Error).message})`);
  }
}

function didJwk(encoded: string): JWK {
  try {
    const jwk = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
    if (typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk)) return jwk as JWK;
  } catch {
    // reported below
  }
  throw new HolderKeyError('the did:jwk identifier is not a base64url-encoded JWK');
}

function didKey(multibase: string): JWK {
  if (!multibase.startsWith('z')) throw new HolderKeyError('did:key needs a base58btc multibase value (starting with z)');
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(multibase.slice(1));
  } catch {
    throw new HolderKeyError('the did:key value is not base58btc');
  }
  const key = Buffer.from(bytes.subarray(2));
  if (startsWith(bytes, P256_PUB) && key.length === 33) {
    const point = ECDH.convertKey(key, 'prime256v1', undefined, undefined, 'uncompressed') as Buffer;
    return { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  }
  if (startsWith(bytes, ED25519_PUB) && key.length === 32) return { kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') };
  throw new HolderKeyError('did:key holds a key type other than P-256 (p256-pub) or Ed25519 (ed25519-pub)');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
