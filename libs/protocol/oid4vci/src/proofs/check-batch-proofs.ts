import { invalidProof } from '@issuer/protocol-errors';
import type { VerifiedJwtProof } from './verify-jwt-proof.js';

/**
 * The key proofs of one batch request must be of one piece (NEGATIVE-TESTS C16, openid/OpenID4VCI#774):
 * one c_nonce for all, so a batch cannot mix a fresh proof with an older one.
 */
export function checkBatchProofs(proofs: readonly VerifiedJwtProof[]): void {
  const nonces = new Set(proofs.map((proof) => proof.payload.nonce));
  if (nonces.size > 1) {
    throw invalidProof({
      reason: `the ${proofs.length} key proofs of this request carry ${nonces.size} different nonces`,
      help: 'Sign every key proof of one credential request with the same c_nonce',
      specRef: 'OID4VCI 1.0 Section 8.2',
    });
  }
}
