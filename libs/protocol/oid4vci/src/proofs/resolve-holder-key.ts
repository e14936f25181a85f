import { X509Certificate } from 'node:crypto';
import { DidError, resolveDidUrlToJwk, type JWK } from '@issuer/crypto';

/** Why a key proof's `kid` or `x5c` names no usable public key; the message says what was wrong. */
export class HolderKeyError extends Error {}

/**
 * The public key a key proof's `kid` names (OID4VCI 1.0 Appendix F.1: "kid ... MUST NOT be present
 * if jwk or x5c is present"), resolved offline: did:jwk (the JWK is in the identifier) and did:key
 * with a P-256 or Ed25519 key. The DID URL's fragment, if any, selects that one key.
 */
export function resolveKidToJwk(kid: string): JWK {
  try {
    return resolveDidUrlToJwk(kid);
  } catch (error) {
    if (error instanceof DidError) throw new HolderKeyError(error.code === 'ERR_DID_METHOD' ? `kid ${error.message}` : error.message);
    throw error;
  }
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
