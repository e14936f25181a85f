import { invalidProof } from '@issuer/protocol-errors';
import { checkProofsShape } from '../credential-request/check-proofs-shape.js';

/** The proof types whose proofs this issuer verifies. */
export const VERIFIABLE_PROOF_TYPES = ['jwt', 'attestation'] as const;
export type VerifiableProofType = (typeof VERIFIABLE_PROOF_TYPES)[number];

export interface ParseProofsOptions {
  /** The keys of `proof_types_supported` of the requested configuration; empty when it binds no key. */
  proofTypesSupported: readonly string[];
  /** `batch_credential_issuance.batch_size` (OID4VCI 1.0 Section 12.2.4); 1 when batches are not offered. */
  batchSize: number;
}

export interface ParsedProofs {
  proofType: VerifiableProofType;
  proofs: string[];
}

/**
 * OID4VCI 1.0 Section 8.2: the key proofs of a Credential Request, one list of one proof type.
 * Undefined when the configuration binds no key (the proofs are then ignored).
 */
export function parseProofs(proofs: unknown, options: ParseProofsOptions): ParsedProofs | undefined {
  const supported = options.proofTypesSupported;
  if (proofs === undefined) {
    if (supported.length === 0) return undefined;
    throw invalidProof({
      reason: `proofs is missing, but the credential configuration requires key binding (proof_types_supported: ${supported.join(', ')})`,
      help: 'Send proofs: { "jwt": [ "<key proof JWT>" ] } with a c_nonce from the Nonce Endpoint',
      specRef: 'OID4VCI 1.0 Section 8.2',
    });
  }
  const problem = checkProofsShape(proofs);
  if (problem !== undefined) throw problem;
  if (supported.length === 0) return undefined;

  const [proofType, list] = Object.entries(proofs as Record<string, unknown[]>)[0] as [string, unknown[]];
  if (!supported.includes(proofType) || !(VERIFIABLE_PROOF_TYPES as readonly string[]).includes(proofType)) {
    const usable = supported.filter((type) => (VERIFIABLE_PROOF_TYPES as readonly string[]).includes(type));
    throw invalidProof({
      reason: `proof type ${proofType} is not accepted for this credential configuration (accepted: ${usable.join(', ') || 'none'})`,
      help: `Send the key proofs as ${usable.map((type) => `proofs.${type}`).join(' or ') || 'one of the proof_types_supported'}`,
      specRef: 'OID4VCI 1.0 Appendix F',
    });
  }
  if (list.length > options.batchSize) {
    throw invalidProof({
      reason: `${list.length} proofs sent, but the batch size is ${options.batchSize}`,
      help: options.batchSize === 1 ? 'Send a single key proof: this issuer does not offer batch issuance' : `Send at most ${options.batchSize} key proofs (batch_credential_issuance.batch_size)`,
      specRef: 'OID4VCI 1.0 Section 12.2.4',
    });
  }
  return { proofType: proofType as VerifiableProofType, proofs: list as string[] };
}
