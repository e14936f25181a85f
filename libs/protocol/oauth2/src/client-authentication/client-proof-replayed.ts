import type { ProtocolError } from '@issuer/protocol-errors';
import type { AuthenticatedClient } from './authenticate-client.js';
import { ATTEST_JWT_CLIENT_AUTH } from './client-authentication-method.js';
import { refuseClient } from './client-jwt.js';

/**
 * draft-ietf-oauth-attestation-based-client-auth-07 Section 12.1 and RFC 7523 Section 3 item 7: a PoP
 * or client_assertion `jti` is accepted once; the caller's store decides it was seen.
 */
export function clientProofReplayed(client: Exclude<AuthenticatedClient, { method: 'none' }>): ProtocolError {
  const attested = client.method === ATTEST_JWT_CLIENT_AUTH;
  return refuseClient(
    `the ${attested ? 'OAuth-Client-Attestation-PoP' : 'client_assertion'} jti ${client.replayCheck.jti} was already used`,
    `Create a fresh ${attested ? 'PoP' : 'client_assertion'} with a new jti for every request`,
    attested ? 'draft-ietf-oauth-attestation-based-client-auth-07 Section 12.1' : 'RFC 7523 Section 3 item 7',
  );
}
