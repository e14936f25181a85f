import { invalidProof } from '@issuer/protocol-errors';
import type { JWK } from '@issuer/crypto';
import { verifyKeyAttestation, type KeyAttestationPolicy } from './verify-key-attestation.js';

export interface AttestedHolder {
  holderJwk: JWK;
  jkt: string;
}

/**
 * OID4VCI 1.0 Appendix F.3: the `attestation` proof type is a key attestation carrying the c_nonce;
 * the issuer issues one credential per attested key, so their number is held to the batch size.
 */
export function verifyAttestationProof(jwt: string, policy: Omit<KeyAttestationPolicy, 'expRequired'> & { nonce: NonNullable<KeyAttestationPolicy['nonce']>; batchSize: number }): AttestedHolder[] {
  const attestation = verifyKeyAttestation(jwt, { ...policy, expRequired: false }, 'proofs.attestation[0]');
  if (attestation.attestedKeys.length > policy.batchSize) {
    throw invalidProof({
      reason: `the attestation attests ${attestation.attestedKeys.length} keys, but the batch size is ${policy.batchSize}`,
      help: `Attest at most ${policy.batchSize} keys (batch_credential_issuance.batch_size)`,
      specRef: 'OID4VCI 1.0 Appendix F.3',
    });
  }
  return attestation.attestedKeys.map((holderJwk, index) => ({ holderJwk, jkt: attestation.attestedJkts[index] as string }));
}
