import { randomUUID } from 'node:crypto';
import { serverError } from '@issuer/protocol-errors';
import { assertClaimsIssuable } from '../assert-claims-issuable.js';
import type { CredentialFormat, IssueCredentialInput } from '../credential-format.js';
import { jwsSigner } from '../jws-signer.js';
import { didJwk } from './did-jwk.js';

// VC Data Model 1.1 Section 4.1: the base context every credential starts with.
export const VC_CONTEXT_V1 = 'https://www.w3.org/2018/credentials/v1';

// VC Data Model 1.1 Section 6.3.1: the JWT encoding moves credentialSubject.id to `sub`, which holds the holder's DID here.
const RESERVED_SUBJECT_CLAIMS = ['id'];

const base64urlJson = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A W3C VC Data Model 1.1 credential as a JWT (OID4VCI 1.0 Appendix A.1.1, VC Data Model 1.1 Section
 * 6.3.1). The claims become `vc.credentialSubject`; claims paths in the configuration are relative to
 * it. The holder is the subject: `sub` is the DID the key proof named the key by (its `kid`, a DID
 * URL, OID4VCI 1.0 Appendix F.1), else the did:jwk of the holder key; `cnf.jwk` (RFC 7800 Section
 * 3.2) binds the credential to that key for verifiers that do not resolve DIDs.
 */
export async function issueJwtVcJson(input: IssueCredentialInput): Promise<{ credential: string }> {
  const { configuration, claims, holderJwk, issuer, signingKey, now } = input;
  if (configuration.format !== 'jwt_vc_json') {
    throw serverError({ reason: `configuration "${configuration.id}" has format ${configuration.format}, not jwt_vc_json`, help: 'Issue it with the module for its format' });
  }
  if ('d' in holderJwk) throw serverError({ reason: 'the holder JWK contains a private key', help: 'Bind the credential to the public key from the verified key proof' });
  assertClaimsIssuable(configuration, claims, RESERVED_SUBJECT_CLAIMS);
  const header = { alg: signingKey.alg, typ: 'JWT', kid: signingKey.kid, ...(signingKey.x5c && { x5c: signingKey.x5c }) };
  const payload = {
    iss: issuer,
    sub: holderDid(holderJwk) ?? didJwk(holderJwk),
    nbf: now,
    iat: now,
    exp: now + configuration.validity_seconds,
    jti: `urn:uuid:${randomUUID()}`,
    cnf: { jwk: holderJwk },
    ...(input.status && { status: input.status }),
    vc: {
      '@context': [VC_CONTEXT_V1],
      type: configuration.credential_definition.type,
      credentialSubject: claims,
    },
  };
  const signingInput = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  return { credential: `${signingInput}.${jwsSigner(signingKey.alg, signingKey.privateKey)(signingInput)}` };
}

export const jwtVcJsonFormat: CredentialFormat = { format: 'jwt_vc_json', issue: issueJwtVcJson };

/** The DID of a holder key named by a DID URL: the URL without its fragment. */
function holderDid(jwk: { kid?: unknown }): string | undefined {
  return typeof jwk.kid === 'string' && jwk.kid.startsWith('did:') ? jwk.kid.split('#')[0] : undefined;
}
