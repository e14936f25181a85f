import type { ProtocolError } from '@issuer/protocol-errors';
import type { CredentialRequestDialect } from '../credential-request/credential-request-dialect.js';

export interface DraftNonce {
  cNonce: string;
  cNonceExpiresIn: number;
}

// Draft 11 Section 7.3.1 named proof failures `invalid_or_missing_proof`; draft 13 Section 7.3.1.2
// had `invalid_proof` only (no `invalid_nonce`). Both named an unknown credential `unsupported_credential_type`.
const DRAFT_ERROR_CODES: Record<'draft-11' | 'draft-13', Record<string, string>> = {
  'draft-11': {
    invalid_proof: 'invalid_or_missing_proof',
    invalid_nonce: 'invalid_or_missing_proof',
    unknown_credential_configuration: 'unsupported_credential_type',
    invalid_credential_request: 'invalid_request',
  },
  'draft-13': {
    invalid_nonce: 'invalid_proof',
    unknown_credential_configuration: 'unsupported_credential_type',
  },
};

const PROOF_ERRORS = new Set(['invalid_or_missing_proof', 'invalid_proof']);

/**
 * A credential error as a draft 11 or 13 wallet expects it: the draft's code, and with a proof
 * failure a fresh `c_nonce` and `c_nonce_expires_in` to sign the next proof with, as those drafts
 * had no nonce endpoint to fetch one from. Other dialects get the 1.0 error unchanged.
 */
export function toDraftCredentialError(error: ProtocolError, dialect: CredentialRequestDialect, freshNonce: () => DraftNonce): ProtocolError {
  if (dialect !== 'draft-11' && dialect !== 'draft-13') return error;
  const code = DRAFT_ERROR_CODES[dialect][error.error] ?? error.error;
  if (!PROOF_ERRORS.has(code)) return code === error.error ? error : error.with({ error: code });
  const { cNonce, cNonceExpiresIn } = freshNonce();
  return error.with({ error: code, members: { c_nonce: cNonce, c_nonce_expires_in: cNonceExpiresIn } });
}
