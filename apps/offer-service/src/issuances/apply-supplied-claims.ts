import type { IssuanceCredential } from '@issuer/data-access-offer';
import { conflict, invalidRequest } from '@issuer/protocol-errors';

/**
 * The credentials of a deferred issuance with the supplied claims in place. Each supplied
 * configuration must be one of the issuance's and still waiting: claims are supplied once.
 */
export function applySuppliedClaims(
  issuanceId: string,
  credentials: readonly IssuanceCredential[],
  supplied: ReadonlyArray<{ credential_configuration_id: string; claims: Record<string, unknown> }>,
): IssuanceCredential[] {
  const claimsById = new Map<string, Record<string, unknown>>();
  supplied.forEach(({ credential_configuration_id: id, claims }, index) => {
    if (claimsById.has(id)) {
      throw invalidRequest({ reason: `credentials[${index}] supplies ${id} a second time.`, help: 'Send each credential_configuration_id once.' });
    }
    const own = credentials.filter((credential) => credential.credential_configuration_id === id);
    if (own.length === 0) {
      throw invalidRequest({
        reason: `credentials[${index}].credential_configuration_id ${id} is not a credential of issuance ${issuanceId}.`,
        help: `Supply claims for the credentials the issuance was created with: ${[...new Set(credentials.map((credential) => credential.credential_configuration_id))].join(', ')}.`,
      });
    }
    if (own.every((credential) => credential.claims !== undefined)) {
      throw conflict({
        reason: `The claims of ${id} in issuance ${issuanceId} were already supplied.`,
        help: 'Claims are supplied once; to issue other claims, create a new issuance.',
      });
    }
    claimsById.set(id, claims);
  });
  return credentials.map((credential) => {
    const claims = credential.claims === undefined ? claimsById.get(credential.credential_configuration_id) : undefined;
    return claims === undefined ? credential : { ...credential, claims };
  });
}
