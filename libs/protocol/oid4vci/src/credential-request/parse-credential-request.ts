import {
  credentialRequestDenied,
  invalidCredentialRequest,
  invalidEncryptionParameters,
  unknownCredentialConfiguration,
  unknownCredentialIdentifier,
  type ProtocolError,
} from '@issuer/protocol-errors';
import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import type { CredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { checkProofsShape } from './check-proofs-shape.js';
import { credentialRequestDialect, draftCredentialType, findDraftConfiguration, type CredentialRequestDialect, type DraftCredentialType } from './credential-request-dialect.js';
import {
  CREDENTIAL_REQUEST_MEMBERS,
  zCredentialRequest,
  type CredentialRequestProofs,
  type CredentialResponseEncryption,
} from './z-credential-request.js';

const SPEC_REF = 'OID4VCI 1.0 Section 8.2';

export interface CredentialRequestContext {
  /** The credential configurations the access token covers. */
  tokenCredentialConfigurationIds: string[];
  /** Every id in credential_configurations_supported. */
  knownConfigurationIds: string[];
  /** credential_identifier -> credential_configuration_id, as returned in the token response. */
  credentialIdentifiers: Record<string, string>;
  /** When given, a draft request is answered with the configuration id it meant. */
  configurations?: ReadonlyArray<CredentialConfiguration>;
}

export interface CredentialRequest {
  credentialConfigurationId: string;
  credentialIdentifier?: string;
  proofs: CredentialRequestProofs | undefined;
  credentialResponseEncryption?: CredentialResponseEncryption;
  /** Members OID4VCI 1.0 does not define: ignored (Section 8.2), kept for the timeline. */
  unknownMembers: string[];
  /** Members sent as JSON null, read as absent. */
  nullMembers: string[];
  dialect: CredentialRequestDialect;
}

/** Parses an OID4VCI 1.0 Credential Request and resolves the configuration it asks for. */
export function parseCredentialRequest(body: unknown, ctx: CredentialRequestContext): CredentialRequest {
  if (!isJsonObject(body)) {
    throw malformed(`the body is ${describeJson(body)}, not a JSON object`, 'Send the credential request as a JSON object with Content-Type application/json');
  }
  // Some wallets serialise every optional member, sending null for the absent ones (seed 000).
  const nullMembers = Object.keys(body).filter((key) => body[key] === null);
  const request = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));

  // OID4VCI 1.0 Section 8.2 replaced draft 13's singular `proof` with `proofs`.
  if (request.proof !== undefined && request.proofs !== undefined) {
    throw malformed('both proof (draft 13) and proofs are present', 'Send only proofs: { "jwt": [ "<key proof JWT>" ] }');
  }
  const identifier = request.credential_identifier;
  const configurationId = request.credential_configuration_id;
  const draftType = draftCredentialType(request);
  if (draftType && identifier === undefined && configurationId === undefined) throw draftRequest(draftType, request, ctx);
  if (request.proof !== undefined) {
    throw malformed('the singular proof parameter of drafts 11 to 15 was sent', 'send proofs: { jwt: [ ... ] } with the key proof JWT inside the array, as OID4VCI 1.0 defines');
  }
  // OID4VCI 1.0 Section 8.2: exactly one of credential_identifier and credential_configuration_id.
  if (identifier !== undefined && configurationId !== undefined) {
    throw malformed(
      'both credential_identifier and credential_configuration_id are present',
      'Send credential_identifier when the token response listed credential_identifiers, otherwise credential_configuration_id; never both',
    );
  }
  if (identifier === undefined && configurationId === undefined) {
    throw malformed('neither credential_identifier nor credential_configuration_id is present', `Include credential_identifier from the token response or credential_configuration_id from metadata${allowedHint(ctx)}`);
  }
  if (request.proofs !== undefined) {
    const problem = checkProofsShape(request.proofs);
    if (problem) throw problem;
  }
  const parsed = zCredentialRequest.safeParse(request);
  if (!parsed.success) throw schemaError(parsed.error.issues);

  const data = parsed.data;
  const resolved = data.credential_identifier !== undefined
    ? resolveIdentifier(data.credential_identifier, ctx)
    : resolveConfigurationId(data.credential_configuration_id!, ctx);
  return {
    credentialConfigurationId: resolved,
    ...(data.credential_identifier !== undefined && { credentialIdentifier: data.credential_identifier }),
    proofs: data.proofs,
    ...(data.credential_response_encryption && { credentialResponseEncryption: data.credential_response_encryption }),
    unknownMembers: Object.keys(request).filter((key) => !CREDENTIAL_REQUEST_MEMBERS.has(key)),
    nullMembers,
    dialect: credentialRequestDialect(body),
  };
}

function resolveIdentifier(identifier: string, ctx: CredentialRequestContext): string {
  const configurationId = Object.hasOwn(ctx.credentialIdentifiers, identifier) ? ctx.credentialIdentifiers[identifier] : undefined;
  if (configurationId !== undefined) return configurationId;
  const issued = Object.keys(ctx.credentialIdentifiers);
  const reason = `credential_identifier "${identifier}" was not issued with this access token`;
  throw unknownCredentialIdentifier({
    reason,
    description: reason,
    help: issued.length > 0
      ? `Use a credential_identifier from the token response: ${quoteList(issued)}`
      : `This access token carries no credential_identifiers; send credential_configuration_id${allowedHint(ctx)}`,
    specRef: 'OID4VCI 1.0 Section 8.3.1.2',
  });
}

function resolveConfigurationId(configurationId: string, ctx: CredentialRequestContext): string {
  if (!ctx.knownConfigurationIds.includes(configurationId)) {
    const reason = `credential_configuration_id "${configurationId}" is not in credential_configurations_supported`;
    throw unknownCredentialConfiguration({
      reason,
      description: reason,
      help: `Use a key of credential_configurations_supported in the issuer metadata: ${quoteList(ctx.knownConfigurationIds)}`,
      specRef: 'OID4VCI 1.0 Section 8.3.1.2',
    });
  }
  if (!ctx.tokenCredentialConfigurationIds.includes(configurationId)) {
    throw credentialRequestDenied({
      reason: `the access token does not cover credential_configuration_id "${configurationId}"; it covers ${quoteList(ctx.tokenCredentialConfigurationIds)}`,
      description: `The access token does not cover credential_configuration_id "${configurationId}"`,
      help: 'Request a configuration the offer or authorization granted, or obtain a new access token for this one',
      specRef: 'OID4VCI 1.0 Section 8.3.1.2',
    });
  }
  // OID4VCI 1.0 Section 8.2: credential_configuration_id MUST NOT be used when credential_identifiers were returned.
  const identifiers = Object.entries(ctx.credentialIdentifiers).filter(([, id]) => id === configurationId).map(([identifier]) => identifier);
  if (identifiers.length > 0) {
    throw malformed(
      'credential_configuration_id was sent although the token response returned credential_identifiers',
      `Send credential_identifier instead: ${quoteList(identifiers)}`,
    );
  }
  return configurationId;
}

function draftRequest(type: DraftCredentialType, request: Record<string, unknown>, ctx: CredentialRequestContext): ProtocolError {
  const match = ctx.configurations ? findDraftConfiguration(type, ctx.configurations) : undefined;
  const proofHint = request.proof !== undefined ? ', and send proofs: { jwt: [ ... ] } instead of proof' : '';
  const help = match
    ? `use credential_configuration_id "${match.id}" instead of format and ${type.member}${proofHint}`
    : `use credential_configuration_id with a key of credential_configurations_supported (${quoteList(ctx.knownConfigurationIds)}) instead of format and ${type.member}${proofHint}`;
  const draft = type.member === 'types' ? 'draft 11' : 'draft 13';
  return malformed(`the request names the credential by format "${type.format}" and ${type.member} as ${draft} did; OID4VCI 1.0 uses credential_configuration_id or credential_identifier`, help);
}

function schemaError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ProtocolError {
  const issue = issues[0]!;
  const field = issue.path.map(String).join('.');
  if (issue.path[0] === 'credential_response_encryption') {
    return invalidEncryptionParameters({
      reason: `${field}: ${issue.message}`,
      help: 'Send credential_response_encryption as { "jwk": <public JWK>, "enc": "<JWE enc>" } with an optional "zip"',
      specRef: SPEC_REF,
    });
  }
  return malformed(`${field}: ${issue.message}`, 'Send credential_identifier or credential_configuration_id as a non-empty string');
}

function allowedHint(ctx: CredentialRequestContext): string {
  const identifiers = Object.keys(ctx.credentialIdentifiers);
  if (identifiers.length > 0) return `; this access token carries credential_identifier ${quoteList(identifiers)}`;
  if (ctx.tokenCredentialConfigurationIds.length > 0) return `; this access token covers credential_configuration_id ${quoteList(ctx.tokenCredentialConfigurationIds)}`;
  return '';
}

// The credential request carries no secrets, so the wire description can say what was wrong.
function malformed(reason: string, help: string): ProtocolError {
  return invalidCredentialRequest({ reason, help, specRef: SPEC_REF, description: reason });
}

function describeJson(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a JSON array';
  return `a JSON ${typeof value}`;
}

function quoteList(values: readonly string[]): string {
  return values.length > 0 ? values.map((value) => `"${value}"`).join(', ') : '(none)';
}
