import { ECDH } from 'node:crypto';
import { base58 } from '@scure/base';
import { DidError } from './crypto-errors.js';
import type { JWK } from './jwk.js';

// did:key multicodec prefixes (unsigned varints) of the key types wallets and clients use.
const P256_PUB = [0x80, 0x24];
const ED25519_PUB = [0xed, 0x01];
// jwk_jcs-pub (0xeb51): the JCS-serialised public JWK, as EBSI's natural-person wallets use it.
const JWK_JCS_PUB = [0xd1, 0xd6, 0x03];

/**
 * The public key a DID URL names, resolved offline: did:jwk (the JWK is in the identifier) and
 * did:key with a P-256, Ed25519 or jwk_jcs-pub key. The fragment, if any, selects that one key. Throws `DidError`.
 */
export function resolveDidUrlToJwk(didUrl: string): JWK {
  const did = didUrl.split('#')[0] ?? '';
  if (did.startsWith('did:jwk:')) return didJwk(did.slice('did:jwk:'.length));
  if (did.startsWith('did:key:')) return didKey(did.slice('did:key:'.length));
  throw new DidError('ERR_DID_METHOD', `${JSON.stringify(didUrl)} is neither a did:jwk nor a did:key DID URL`);
}

function didJwk(encoded: string): JWK {
  try {
    const jwk = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
    if (typeof jwk === 'object' && jwk !== null && !Array.isArray(jwk)) return jwk as JWK;
  } catch {
    // reported below
  }
  throw new DidError('ERR_DID_INVALID', 'the did:jwk identifier is not a base64url-encoded JWK');
}

function didKey(multibase: string): JWK {
  if (!multibase.startsWith('z')) throw new DidError('ERR_DID_INVALID', 'did:key needs a base58btc multibase value (starting with z)');
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(multibase.slice(1));
  } catch {
    throw new DidError('ERR_DID_INVALID', 'the did:key value is not base58btc');
  }
  if (startsWith(bytes, JWK_JCS_PUB)) return jcsJwk(bytes.subarray(JWK_JCS_PUB.length));
  const key = Buffer.from(bytes.subarray(2));
  if (startsWith(bytes, P256_PUB) && key.length === 33) return p256Jwk(key);
  if (startsWith(bytes, ED25519_PUB) && key.length === 32) return { kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') };
  throw new DidError('ERR_DID_KEY_TYPE', 'did:key holds a key type other than P-256 (p256-pub), Ed25519 (ed25519-pub) or a JWK (jwk_jcs-pub)');
}

function jcsJwk(bytes: Uint8Array): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new DidError('ERR_DID_INVALID', 'the did:key jwk_jcs-pub value is not a JSON JWK');
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || typeof (jwk as JWK).kty !== 'string') {
    throw new DidError('ERR_DID_INVALID', 'the did:key jwk_jcs-pub value is not a JWK');
  }
  if ('d' in jwk) throw new DidError('ERR_DID_INVALID', 'the did:key jwk_jcs-pub value holds a private key');
  return jwk as JWK;
}

function p256Jwk(compressed: Buffer): JWK {
  let point: Buffer;
  try {
    point = ECDH.convertKey(compressed, 'prime256v1', undefined, undefined, 'uncompressed') as Buffer;
  } catch {
    throw new DidError('ERR_DID_INVALID', 'the did:key P-256 value is not a point on the curve');
  }
  return { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
