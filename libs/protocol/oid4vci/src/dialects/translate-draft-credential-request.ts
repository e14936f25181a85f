import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { credentialRequestDialect, draftCredentialType, findDraftConfiguration, type CredentialRequestDialect } from '../credential-request/credential-request-dialect.js';

export interface DraftCredentialRequestTranslation {
  dialect: Exclude<CredentialRequestDialect, '1.0'>;
  /** The request as OID4VCI 1.0 Section 8.2 has it. */
  request: Record<string, unknown>;
  /** What was translated, one line each, for the session timeline. */
  changes: string[];
}

// Drafts 11 to 15 named the proof type inside the singular `proof`; 1.0 keys `proofs` by it (Appendix F).
const DRAFT_PROOF_TYPES: Record<string, string> = { jwt: 'jwt', attestation: 'attestation', ldp_vp: 'di_vp' };

/**
 * Translates a draft 11, 13 or 15 credential request into OID4VCI 1.0 at the edge: `format` with
 * its type member becomes the `credential_configuration_id` of the matching configuration, and the
 * singular `proof` becomes `proofs`. What cannot be translated is left as sent, so the 1.0 parser
 * answers it with the precise error. Returns undefined for a 1.0 request.
 */
export function translateDraftCredentialRequest(body: unknown, configurations: ReadonlyArray<CredentialConfiguration>): DraftCredentialRequestTranslation | undefined {
  const dialect = credentialRequestDialect(body);
  if (dialect === '1.0' || !isJsonObject(body)) return undefined;
  const request: Record<string, unknown> = { ...body };
  const changes: string[] = [];

  const type = draftCredentialType(body);
  const configuration = type ? findDraftConfiguration(type, configurations) : undefined;
  const named = !absent(request.credential_configuration_id) || !absent(request.credential_identifier);
  if (type && configuration && !named) {
    delete request.format;
    delete request[type.member];
    request.credential_configuration_id = configuration.id;
    changes.push(`format "${type.format}" with ${type.member} ${JSON.stringify(type.value)} -> credential_configuration_id "${configuration.id}"`);
  } else if (type === undefined && !absent(request.format) && named) {
    delete request.format;
    changes.push('format dropped: credential_configuration_id already names the credential');
  }

  const proof = body.proof;
  if (isJsonObject(proof) && typeof proof.proof_type === 'string' && absent(request.proofs)) {
    const proofType = DRAFT_PROOF_TYPES[proof.proof_type];
    const value = proof[proof.proof_type];
    if (proofType && value !== undefined) {
      delete request.proof;
      request.proofs = { [proofType]: [value] };
      changes.push(`proof { proof_type: "${proof.proof_type}" } -> proofs.${proofType}[0]`);
    }
  }
  return { dialect, request, changes };
}

// Some wallets send every optional member, the absent ones as JSON null (seed 000).
function absent(value: unknown): boolean {
  return value === undefined || value === null;
}
