import type { CredentialResponse } from '../credential-response.js';
import type { CredentialRequestDialect } from '../credential-request/credential-request-dialect.js';

export interface DraftCredentialResponseContext {
  /** The 1.0 format identifier of the issued credential. */
  format: string;
  /** The draft's c_nonce for the next request, with its lifetime. */
  cNonce: string;
  cNonceExpiresIn: number;
}

/**
 * The credential response in the request's dialect. Drafts 11 and 13 answered with one `credential`
 * and a fresh `c_nonce`; draft 11 also echoed `format`. Draft 15 and 1.0 share the `credentials` array.
 */
export function toDraftCredentialResponse(response: CredentialResponse, dialect: CredentialRequestDialect, context: DraftCredentialResponseContext): Record<string, unknown> {
  if (dialect !== 'draft-11' && dialect !== 'draft-13') return { ...response };
  const [first] = response.credentials;
  return {
    ...(dialect === 'draft-11' && { format: context.format }),
    credential: first?.credential,
    c_nonce: context.cNonce,
    c_nonce_expires_in: context.cNonceExpiresIn,
    ...(dialect === 'draft-13' && response.notification_id !== undefined && { notification_id: response.notification_id }),
  };
}
