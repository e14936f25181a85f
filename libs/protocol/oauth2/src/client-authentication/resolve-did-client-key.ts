import { DidError, resolveDidUrlToJwk, type JsonObject, type JWK } from '@issuer/crypto';
import { refuseClient } from './client-jwt.js';

/**
 * A `ClientKeyResolver` for clients whose client_id is a did:key or did:jwk (EBSI's wallets): the
 * key comes from the DID itself, or from the `kid` DID URL, which must name the same DID. Undefined
 * for any other client_id, so the caller can fall back to registered clients.
 */
export function resolveDidClientKey(clientId: string, header: JsonObject): JWK | undefined {
  if (!clientId.startsWith('did:key:') && !clientId.startsWith('did:jwk:')) return undefined;
  const kid = header.kid;
  if (kid !== undefined && (typeof kid !== 'string' || kid.split('#')[0] !== clientId)) {
    throw refuseClient(`client_assertion kid ${JSON.stringify(kid)} is not a DID URL of the client ${clientId}`, `Set kid to a DID URL of your client_id, e.g. ${clientId}#...`, 'RFC 7523 Section 3');
  }
  try {
    return resolveDidUrlToJwk(typeof kid === 'string' ? kid : clientId);
  } catch (error) {
    if (error instanceof DidError) throw refuseClient(`client_id ${clientId} names no usable key: ${error.message}`, 'Use a did:key (P-256, Ed25519) or did:jwk client_id', 'RFC 7523 Section 3', error);
    throw error;
  }
}
