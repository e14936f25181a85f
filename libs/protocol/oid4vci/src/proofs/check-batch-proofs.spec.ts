import { describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { checkBatchProofs } from './check-batch-proofs.js';
import type { VerifiedJwtProof } from './verify-jwt-proof.js';

const proof = (nonce: string, jkt: string): VerifiedJwtProof => ({ holderJwk: { kty: 'EC' }, jkt, header: {}, payload: { nonce } });

describe('checkBatchProofs (NEGATIVE-TESTS C16)', () => {
  it('accepts proofs of several keys with one nonce', () => {
    expect(() => checkBatchProofs([proof('n', 'a'), proof('n', 'b'), proof('n', 'c')])).not.toThrow();
  });

  it('refuses proofs that carry different nonces with invalid_proof', () => {
    let error: unknown;
    try {
      checkBatchProofs([proof('n1', 'a'), proof('n2', 'b')]);
    } catch (caught) {
      error = caught;
    }
    expect(isProtocolError(error) && [error.error, error.reason]).toEqual(['invalid_proof', 'the 2 key proofs of this request carry 2 different nonces']);
  });
});
