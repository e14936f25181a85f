import { serverError } from '@issuer/protocol-errors';
import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { validateClaims } from './validate-claims.js';

/**
 * Refuses an issuance whose claims the configuration does not describe, that lack mandatory claims
 * (OID4VCI 1.0 Appendix B.2) or that name claims the format module sets itself.
 */
export function assertClaimsIssuable(configuration: CredentialConfiguration, claims: Record<string, unknown>, reservedClaims: readonly string[] = []): void {
  const reserved = Object.keys(claims).filter((name) => reservedClaims.includes(name));
  const validation = validateClaims(configuration, claims);
  if (reserved.length === 0 && validation.valid) return;
  const problems = [
    ...(reserved.length > 0 ? [`claims the issuer sets itself: ${reserved.join(', ')}`] : []),
    ...(validation.unknown.length > 0 ? [`claims not in the configuration: ${validation.unknown.join(', ')}`] : []),
    ...(validation.missing.length > 0 ? [`mandatory claims missing: ${validation.missing.join(', ')}`] : []),
  ];
  throw serverError({
    reason: `cannot issue "${configuration.id}": ${problems.join('; ')}`,
    help: `Supply exactly the claims the credential configuration "${configuration.id}" describes`,
  });
}
