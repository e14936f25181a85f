import { refuseClient } from './client-jwt.js';
import type { AuthenticatedClient } from './authenticate-client.js';
import { ATTEST_JWT_CLIENT_AUTH } from './client-authentication-method.js';

/**
 * An issuance that sets require_wallet_attestation accepts only clients that authenticated by Wallet
 * Attestation (HAIP 1.0 Section 4.4.1), whatever else the authorization server accepts. Without a
 * client (a plain authorization request) nothing was attested.
 */
export function requireWalletAttestation(client: AuthenticatedClient | undefined): void {
  if (client?.method === ATTEST_JWT_CLIENT_AUTH) return;
  throw refuseClient(
    `this issuance requires Wallet Attestation, and the client authenticated with ${client?.method ?? 'nothing'}`,
    'Send the OAuth-Client-Attestation and OAuth-Client-Attestation-PoP headers of your Wallet Provider',
    'HAIP 1.0 Section 4.4.1',
  );
}
