import { invalidCredentialRequest, invalidProof, type ProtocolError } from '@issuer/protocol-errors';
import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import { PROOF_TYPES, type ProofType } from './z-credential-request.js';

const SPEC_REF = 'OID4VCI 1.0 Section 8.2';
const HELP = 'Send proofs: { "jwt": [ "<key proof JWT>", ... ] } with one proof type and at least one proof';

/** Diagnoses a `proofs` member that does not have the OID4VCI 1.0 Section 8.2 shape; undefined when it has. */
export function checkProofsShape(proofs: unknown): ProtocolError | undefined {
  if (!isJsonObject(proofs)) {
    return malformed(`proofs is ${Array.isArray(proofs) ? 'an array' : `a ${typeof proofs}`}, not a JSON object`);
  }
  const types = Object.keys(proofs);
  if (types.length === 0) return malformed('proofs is an empty object');
  // OID4VCI 1.0 Section 8.2: "contains exactly one parameter named as the proof type".
  if (types.length > 1) return malformed(`proofs contains ${types.length} proof types (${types.join(', ')}); exactly one is allowed`);
  const type = types[0]!;
  if (!(PROOF_TYPES as readonly string[]).includes(type)) {
    return invalidProof({
      reason: `proof type "${type}" is not supported`,
      help: 'Use a proof type from proof_types_supported in the issuer metadata, such as jwt',
      specRef: 'OID4VCI 1.0 Appendix F',
      description: `Proof type ${type} is not supported`,
    });
  }
  const list = proofs[type];
  if (!Array.isArray(list) || list.length === 0) return malformed(`proofs.${type} must be a non-empty array`);
  return checkEntries(type as ProofType, list);
}

function checkEntries(type: ProofType, list: unknown[]): ProtocolError | undefined {
  // OID4VCI 1.0 Appendix F: the `attestation` array contains exactly one JWT.
  if (type === 'attestation' && list.length !== 1) {
    return invalidProof({
      reason: `proofs.attestation contains ${list.length} entries`,
      help: 'Send exactly one key attestation JWT; it can attest several keys in attested_keys',
      specRef: 'OID4VCI 1.0 Appendix F',
    });
  }
  const expected = type === 'di_vp' ? 'a JSON object' : 'a compact JWT string';
  const index = list.findIndex((entry) => (type === 'di_vp' ? !isJsonObject(entry) : typeof entry !== 'string' || entry.length === 0));
  if (index === -1) return undefined;
  return invalidProof({
    reason: `proofs.${type}[${index}] is not ${expected}`,
    help: `Send each ${type} proof as ${expected}`,
    specRef: 'OID4VCI 1.0 Appendix F',
  });
}

function malformed(reason: string): ProtocolError {
  return invalidCredentialRequest({ reason, help: HELP, specRef: SPEC_REF, description: 'The proofs parameter is malformed' });
}
