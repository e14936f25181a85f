import { invalidCredentialRequest, invalidEncryptionParameters, type ProtocolError } from '@issuer/protocol-errors';
import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import type { CredentialResponseEncryption } from '../credential-request/z-credential-request.js';
import { DEFERRED_CREDENTIAL_REQUEST_MEMBERS, zDeferredCredentialRequest } from './z-deferred-credential-request.js';

const SPEC_REF = 'OID4VCI 1.0 Section 9.1';
const HELP = 'Send { "transaction_id": "..." } with the transaction_id from the 202 response of the credential endpoint, as application/json';

export interface DeferredCredentialRequest {
  transaction_id: string;
  /** Section 9.1: encrypts this response, whatever the Credential Request asked for. */
  credentialResponseEncryption?: CredentialResponseEncryption;
  /** Members OID4VCI 1.0 does not define: ignored (Section 9.1), kept for the timeline. */
  unknownMembers: string[];
}

/** Parses a Deferred Credential Request (OID4VCI 1.0 Section 9.1); whether the transaction is known is for the caller to decide. */
export function parseDeferredCredentialRequest(body: unknown): DeferredCredentialRequest {
  if (!isJsonObject(body)) {
    const kind = body === null ? 'JSON null' : Array.isArray(body) ? 'a JSON array' : `a JSON ${typeof body}`;
    throw malformed(`the body is ${kind}, not a JSON object`);
  }
  const result = zDeferredCredentialRequest.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    if (issue.path[0] === 'credential_response_encryption') {
      throw invalidEncryptionParameters({
        reason: `${field}: ${issue.message}`,
        help: 'Send credential_response_encryption as { "jwk": <public JWK>, "enc": "<JWE enc>" } with an optional "zip"',
        specRef: SPEC_REF,
      });
    }
    throw malformed(`${field} ${issue.message}`);
  }
  return {
    transaction_id: result.data.transaction_id,
    ...(result.data.credential_response_encryption && { credentialResponseEncryption: result.data.credential_response_encryption }),
    unknownMembers: Object.keys(body).filter((key) => !DEFERRED_CREDENTIAL_REQUEST_MEMBERS.has(key)),
  };
}

// Section 9.3: malformed requests get the Credential Error Response codes of Section 8.3.1.2.
function malformed(reason: string): ProtocolError {
  return invalidCredentialRequest({ reason, help: HELP, specRef: SPEC_REF, description: `The deferred credential request is malformed: ${reason}` });
}
