import { ProtocolError, type ErrorDetail } from './protocol-error.js';

interface CatalogueEntry {
  status: number;
  description: string;
  specRef: string;
}

/** Every error code the platform answers with, its HTTP status and where the spec defines it. */
export const catalogue = {
  invalid_request: { status: 400, description: 'The request is missing a parameter or is malformed', specRef: 'RFC 6749 Section 5.2' },
  invalid_client: { status: 401, description: 'Client authentication failed', specRef: 'RFC 6749 Section 5.2' },
  invalid_grant: { status: 400, description: 'The grant is invalid, expired or already used', specRef: 'RFC 6749 Section 5.2' },
  unauthorized_client: { status: 400, description: 'The client may not use this grant type', specRef: 'RFC 6749 Section 5.2' },
  unsupported_response_type: { status: 400, description: 'The response type is not supported', specRef: 'RFC 6749 Section 4.1.2.1' },
  invalid_request_uri: { status: 400, description: 'The request_uri is invalid, expired or already used', specRef: 'RFC 9126 Section 4' },
  unsupported_grant_type: { status: 400, description: 'The grant type is not supported', specRef: 'RFC 6749 Section 5.2' },
  invalid_scope: { status: 400, description: 'The requested scope is invalid', specRef: 'RFC 6749 Section 5.2' },
  invalid_authorization_details: { status: 400, description: 'The authorization details are invalid', specRef: 'RFC 9396 Section 5' },
  invalid_dpop_proof: { status: 400, description: 'The DPoP proof is invalid', specRef: 'RFC 9449 Section 4.3' },
  use_dpop_nonce: { status: 400, description: 'A DPoP nonce is required', specRef: 'RFC 9449 Section 8' },
  use_attestation_challenge: { status: 400, description: 'A fresh client attestation challenge is required', specRef: 'draft-ietf-oauth-attestation-based-client-auth-07 Section 6.2' },
  invalid_token: { status: 401, description: 'The access token is missing, invalid or expired', specRef: 'RFC 6750 Section 3.1' },
  insufficient_scope: { status: 403, description: 'The access token does not cover this request', specRef: 'RFC 6750 Section 3.1' },
  invalid_credential_request: { status: 400, description: 'The credential request is malformed', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  unknown_credential_configuration: { status: 400, description: 'The credential configuration is unknown', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  unknown_credential_identifier: { status: 400, description: 'The credential identifier is unknown', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  invalid_proof: { status: 400, description: 'The key proof is invalid', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  invalid_nonce: { status: 400, description: 'The key proof nonce is invalid or expired', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  invalid_encryption_parameters: { status: 400, description: 'The encryption parameters are invalid', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  credential_request_denied: { status: 400, description: 'The credential request was denied', specRef: 'OID4VCI 1.0 Section 8.3.1.2' },
  invalid_transaction_id: { status: 400, description: 'The transaction id is invalid', specRef: 'OID4VCI 1.0 Section 9.3' },
  invalid_notification_id: { status: 400, description: 'The notification id is invalid', specRef: 'OID4VCI 1.0 Section 11.3' },
  invalid_notification_request: { status: 400, description: 'The notification request is malformed', specRef: 'OID4VCI 1.0 Section 11.3' },
  not_found: { status: 404, description: 'Not found', specRef: 'RFC 9110 Section 15.5.5' },
  unauthorized: { status: 401, description: 'A valid API key is required', specRef: 'RFC 6750 Section 3' },
  payload_too_large: { status: 413, description: 'The request body is too large', specRef: 'RFC 9110 Section 15.5.14' },
  unsupported_media_type: { status: 415, description: 'The content type is not supported', specRef: 'RFC 9110 Section 15.5.16' },
  method_not_allowed: { status: 405, description: 'The method is not allowed', specRef: 'RFC 9110 Section 15.5.6' },
  conflict: { status: 409, description: 'The request conflicts with the current state of the resource', specRef: 'RFC 9110 Section 15.5.10' },
  server_error: { status: 500, description: 'The server failed to process the request', specRef: 'RFC 6749 Section 5.2' },
  temporarily_unavailable: { status: 503, description: 'The service is temporarily unavailable', specRef: 'RFC 6749 Section 4.1.2.1' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;

export function protocolError(code: ErrorCode, detail: ErrorDetail): ProtocolError {
  const entry: CatalogueEntry = catalogue[code];
  return new ProtocolError({
    error: code,
    status: entry.status,
    description: detail.description ?? entry.description,
    reason: detail.reason,
    help: detail.help,
    specRef: detail.specRef ?? entry.specRef,
    headers: detail.headers,
    cause: detail.cause,
  });
}
