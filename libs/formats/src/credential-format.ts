import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { serverError } from '@issuer/protocol-errors';
import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { jwtVcJsonFormat } from './jwt-vc-json/issue-jwt-vc-json.js';
import { msoMdocFormat } from './mso-mdoc/issue-mso-mdoc.js';
import { sdJwtVcFormat } from './sd-jwt-vc/issue-sd-jwt-vc.js';
import type { StatusClaim } from './status-list/status-claim.js';

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyObject;
  publicJwk: JWK;
  /** The signing certificate and its chain without the trust anchor (HAIP 1.0 Section 6.1.1). */
  x5c?: string[];
}

export interface IssueCredentialInput {
  configuration: CredentialConfiguration;
  claims: Record<string, unknown>;
  holderJwk: JWK;
  /** The Credential Issuer Identifier. */
  issuer: string;
  signingKey: SigningKey;
  /** Epoch seconds. */
  now: number;
  /** Token Status List Section 6.1: the entry of the credential in a status list, when it has one. */
  status?: StatusClaim;
  /** SD-JWT VC Section 7: the integrity of the type metadata the issuer serves for the configuration's vct, when it serves one. */
  vctIntegrity?: string;
}

/** One credential format (OID4VCI 1.0 Appendix A) behind one interface. */
export interface CredentialFormat {
  format: string;
  issue(input: IssueCredentialInput): Promise<{ credential: string }>;
}

const FORMATS: ReadonlyMap<string, CredentialFormat> = new Map([sdJwtVcFormat, msoMdocFormat, jwtVcJsonFormat].map((format) => [format.format, format]));

export function registeredFormats(): string[] {
  return [...FORMATS.keys()];
}

export function formatFor(format: string): CredentialFormat {
  const found = FORMATS.get(format);
  if (found) return found;
  throw serverError({
    reason: `no credential format module issues "${format}"; available: ${registeredFormats().join(', ')}`,
    help: 'Configure credential configurations only in formats this issuer can sign',
  });
}
