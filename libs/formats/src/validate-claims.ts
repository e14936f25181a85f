import { formatClaimsPath, isJsonObject, selectClaims, type ClaimsPathPointer, type CredentialConfiguration } from '@issuer/protocol-oid4vci';

export interface ClaimsValidation {
  valid: boolean;
  /** Mandatory claims (OID4VCI 1.0 Appendix B.2) with no value, as `address.locality`. */
  missing: string[];
  /** Supplied claims the configuration does not describe, as `address.floor` or `degrees[0].grade`. */
  unknown: string[];
}

/** Checks claims for an issuance against the configuration's claims descriptions; without descriptions any claims are accepted. */
export function validateClaims(configuration: CredentialConfiguration, claims: Record<string, unknown>): ClaimsValidation {
  const described = configuration.claims;
  if (!described) return { valid: true, missing: [], unknown: [] };
  const missing = described.filter((claim) => claim.mandatory && selectClaims(claims, claim.path) === undefined).map((claim) => formatClaimsPath(claim.path));
  const unknown: string[] = [];
  collectUnknown(claims, [], described.map((claim) => claim.path), unknown);
  return { valid: missing.length === 0 && unknown.length === 0, missing, unknown };
}

function collectUnknown(value: unknown, prefix: Array<string | number>, paths: ClaimsPathPointer[], unknown: string[]): void {
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) {
    const path = [...prefix, key];
    const exact = paths.some((described) => described.length === path.length && covers(described, path));
    const deeper = paths.some((described) => described.length > path.length && covers(described, path));
    if (deeper && (isJsonObject(child) || Array.isArray(child))) collectUnknown(child, path, paths, unknown);
    else if (!exact) unknown.push(formatClaimsPath(path));
  }
}

// OID4VCI 1.0 Appendix C.1: a string selects a key, null every element, an integer one index.
function covers(described: ClaimsPathPointer, path: Array<string | number>): boolean {
  return path.every((component, index) => {
    const pattern = described[index];
    if (pattern === null) return typeof component === 'number';
    return pattern === component;
  });
}
