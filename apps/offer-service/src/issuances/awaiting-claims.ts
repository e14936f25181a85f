import type { IssuanceCredential } from '@issuer/data-access-offer';

/** The credential configurations of a deferred issuance whose claims the operator has not supplied yet. */
export function awaitingClaims(credentials: readonly IssuanceCredential[]): string[] {
  return [...new Set(credentials.filter((credential) => credential.claims === undefined).map((credential) => credential.credential_configuration_id))];
}
