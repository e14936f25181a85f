import { describe, expect, it } from '@jest/globals';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { zCredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { credentialRequestDialect } from './credential-request-dialect.js';
import { parseCredentialRequest, type CredentialRequestContext } from './parse-credential-request.js';

// OID4VCI 1.0 Section 8.2 examples (proof JWTs shortened as in the specification).
const PROOF_1 = 'eyJraWQiOiJkaWQ6ZXhhbXBsZTplYmZlYjFmNzEyZWJjNmYxYzI3NmUxMmVjMjEva2V5cy8xIiwiYWxnIjoiRVMyNTYiLCJ0eXAiOiJKV1QifQ';
const PROOF_2 =
  'eyJ0eXAiOiJvcGVuaWQ0dmNpLXByb29mK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwiY3J2IjoiUC0yNTYiLCJ4IjoiblVXQW9BdjNYWml0aDhFN2kxOU9kYXhPTFlGT3dNLVoyRXVNMDJUaXJUNCIsInkiOiJIc2tIVThCalVpMVU5WHFpN1N3bWo4Z3dBS18weGtjRGpFV183MVNvc0VZIn19';

const mdl = zCredentialConfiguration.parse({ id: 'org.iso.18013.5.1.mDL', format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL', scope: 'mDL' });
const pid = zCredentialConfiguration.parse({ id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', scope: 'pid' });
const degree = zCredentialConfiguration.parse({
  id: 'UniversityDegree_JWT',
  format: 'jwt_vc_json',
  scope: 'degree',
  credential_definition: { type: ['VerifiableCredential', 'UniversityDegreeCredential'] },
});

const ctx: CredentialRequestContext = {
  tokenCredentialConfigurationIds: ['org.iso.18013.5.1.mDL', 'eu.europa.ec.eudi.pid_vc_sd_jwt'],
  knownConfigurationIds: ['org.iso.18013.5.1.mDL', 'eu.europa.ec.eudi.pid_vc_sd_jwt', 'UniversityDegree_JWT'],
  credentialIdentifiers: {},
  configurations: [mdl, pid, degree],
};
const withIdentifiers: CredentialRequestContext = { ...ctx, credentialIdentifiers: { 'CivilEngineeringDegree-2023': 'UniversityDegree_JWT' } };

function rejection(body: unknown, context: CredentialRequestContext = ctx): ProtocolError {
  return protocolErrorOf(() => parseCredentialRequest(body, context));
}

describe('parseCredentialRequest (OID4VCI 1.0 Section 8.2)', () => {
  it('reads the credential_configuration_id example of the specification', () => {
    expect(parseCredentialRequest({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proofs: { jwt: [PROOF_1] } }, ctx)).toEqual({
      credentialConfigurationId: 'org.iso.18013.5.1.mDL',
      proofs: { jwt: [PROOF_1] },
      unknownMembers: [],
      nullMembers: [],
      dialect: '1.0',
    });
  });

  it('reads the credential_identifier example and resolves the configuration behind it', () => {
    const request = parseCredentialRequest({ credential_identifier: 'CivilEngineeringDegree-2023', proofs: { jwt: [PROOF_2, PROOF_1] } }, withIdentifiers);
    expect(request).toMatchObject({ credentialConfigurationId: 'UniversityDegree_JWT', credentialIdentifier: 'CivilEngineeringDegree-2023', proofs: { jwt: [PROOF_2, PROOF_1] } });
  });

  it('reads the di_vp and attestation proof types and a request without proofs', () => {
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], proof: [{ type: 'DataIntegrityProof' }] };
    expect(parseCredentialRequest({ credential_identifier: 'CivilEngineeringDegree-2023', proofs: { di_vp: [vp] } }, withIdentifiers).proofs).toEqual({ di_vp: [vp] });
    expect(parseCredentialRequest({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proofs: { attestation: ['eyJ.a.b'] } }, ctx).proofs).toEqual({ attestation: ['eyJ.a.b'] });
    expect(parseCredentialRequest({ credential_configuration_id: 'org.iso.18013.5.1.mDL' }, ctx).proofs).toBeUndefined();
  });

  it('keeps credential_response_encryption', () => {
    const encryption = { jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, enc: 'A128GCM' };
    expect(parseCredentialRequest({ credential_configuration_id: 'org.iso.18013.5.1.mDL', credential_response_encryption: encryption }, ctx).credentialResponseEncryption).toEqual(encryption);
  });

  it('tolerates unknown members and records them, and reads JSON null members as absent', () => {
    const request = parseCredentialRequest({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proof: null, proofs: null, credential_identifier: null, wallet_hint: 'x' }, ctx);
    expect(request.unknownMembers).toEqual(['wallet_hint']);
    expect(request.nullMembers).toEqual(['proof', 'proofs', 'credential_identifier']);
    expect(request.proofs).toBeUndefined();
  });

  it('says when a valid request still carries draft 13 members', () => {
    const request = parseCredentialRequest({ credential_configuration_id: 'org.iso.18013.5.1.mDL', format: 'mso_mdoc', proofs: { jwt: [PROOF_1] } }, ctx);
    expect(request.dialect).toBe('draft-13');
    expect(request.unknownMembers).toEqual(['format']);
  });

  describe('C17: malformed requests are invalid_credential_request', () => {
    it.each([
      ['JSON null', null, 'the body is JSON null, not a JSON object'],
      ['an array', [], 'the body is a JSON array, not a JSON object'],
      ['a string', 'credential', 'the body is a JSON string, not a JSON object'],
    ])('rejects %s as the body', (_name, body, reason) => {
      const error = rejection(body);
      expect(error.error).toBe('invalid_credential_request');
      expect(error.status).toBe(400);
      expect(error.reason).toBe(reason);
    });

    it('rejects proof and proofs together', () => {
      const error = rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proof: { proof_type: 'jwt', jwt: PROOF_1 }, proofs: { jwt: [PROOF_1] } });
      expect(error.error).toBe('invalid_credential_request');
      expect(error.reason).toBe('both proof (draft 13) and proofs are present');
    });

    it('rejects both identifiers together', () => {
      const error = rejection({ credential_identifier: 'CivilEngineeringDegree-2023', credential_configuration_id: 'UniversityDegree_JWT' }, withIdentifiers);
      expect(error.error).toBe('invalid_credential_request');
      expect(error.reason).toBe('both credential_identifier and credential_configuration_id are present');
    });

    it('rejects neither identifier with the reason and help a tester needs (seed 000)', () => {
      const error = rejection({ proofs: { jwt: [PROOF_1] } });
      expect(error.error).toBe('invalid_credential_request');
      expect(error.reason).toBe('neither credential_identifier nor credential_configuration_id is present');
      expect(error.help).toBe(
        'Include credential_identifier from the token response or credential_configuration_id from metadata; this access token covers credential_configuration_id "org.iso.18013.5.1.mDL", "eu.europa.ec.eudi.pid_vc_sd_jwt"',
      );
      expect(error.specRef).toBe('OID4VCI 1.0 Section 8.2');
    });

    it.each([
      ['an array', [PROOF_1], 'proofs is an array, not a JSON object'],
      ['empty', {}, 'proofs is an empty object'],
      ['two proof types', { jwt: [PROOF_1], attestation: ['eyJ.a.b'] }, 'proofs contains 2 proof types (jwt, attestation); exactly one is allowed'],
      ['an empty list', { jwt: [] }, 'proofs.jwt must be a non-empty array'],
      ['a string instead of a list', { jwt: PROOF_1 }, 'proofs.jwt must be a non-empty array'],
    ])('rejects proofs that is %s', (_name, proofs, reason) => {
      const error = rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proofs });
      expect(error.error).toBe('invalid_credential_request');
      expect(error.reason).toBe(reason);
    });

    it('rejects a non-string identifier', () => {
      const error = rejection({ credential_configuration_id: 42 });
      expect(error.error).toBe('invalid_credential_request');
      expect(error.reason).toContain('credential_configuration_id');
    });
  });

  it('answers key proofs of the wrong kind with invalid_proof', () => {
    expect(rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proofs: { jwt: [PROOF_1, 7] } })).toMatchObject({ error: 'invalid_proof', reason: 'proofs.jwt[1] is not a compact JWT string' });
    expect(rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proofs: { cwt: ['x'] } })).toMatchObject({ error: 'invalid_proof', reason: 'proof type "cwt" is not supported' });
    expect(rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proofs: { attestation: ['a', 'b'] } })).toMatchObject({ error: 'invalid_proof' });
  });

  it('answers malformed credential_response_encryption with invalid_encryption_parameters', () => {
    const error = rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', credential_response_encryption: { jwk: { kty: 'EC' } } });
    expect(error.error).toBe('invalid_encryption_parameters');
    expect(error.reason).toContain('credential_response_encryption.enc');
  });

  it('C18: rejects an unknown credential_configuration_id with unknown_credential_configuration', () => {
    const error = rejection({ credential_configuration_id: 'eu.europa.ec.eudi.unknown', proofs: { jwt: [PROOF_1] } });
    expect(error.error).toBe('unknown_credential_configuration');
    expect(error.reason).toBe('credential_configuration_id "eu.europa.ec.eudi.unknown" is not in credential_configurations_supported');
    expect(error.help).toContain('"org.iso.18013.5.1.mDL"');
  });

  it('C19: rejects a credential_identifier the token did not carry with unknown_credential_identifier', () => {
    expect(rejection({ credential_identifier: 'Other-2023' }, withIdentifiers)).toMatchObject({ error: 'unknown_credential_identifier', help: 'Use a credential_identifier from the token response: "CivilEngineeringDegree-2023"' });
    expect(rejection({ credential_identifier: 'constructor' }, withIdentifiers).error).toBe('unknown_credential_identifier');
    expect(rejection({ credential_identifier: 'CivilEngineeringDegree-2023' }).help).toContain('carries no credential_identifiers');
  });

  it('C20: rejects a configuration the token does not cover with credential_request_denied', () => {
    const error = rejection({ credential_configuration_id: 'UniversityDegree_JWT' });
    expect(error.error).toBe('credential_request_denied');
    expect(error.reason).toContain('"UniversityDegree_JWT"');
  });

  it('rejects credential_configuration_id when the token response returned credential_identifiers for it', () => {
    const context = { ...withIdentifiers, tokenCredentialConfigurationIds: ['UniversityDegree_JWT'] };
    const error = rejection({ credential_configuration_id: 'UniversityDegree_JWT' }, context);
    expect(error.error).toBe('invalid_credential_request');
    expect(error.help).toBe('Send credential_identifier instead: "CivilEngineeringDegree-2023"');
  });

  describe('C21: draft 13 shaped requests', () => {
    it('names the configuration an mso_mdoc request meant (the request of seed 000)', () => {
      const body = { claims: null, credential_definition: null, credential_identifier: null, credential_response_encryption: null, doctype: 'org.iso.18013.5.1.mDL', format: 'mso_mdoc', proof: null, proofs: null, vct: null };
      const error = rejection(body);
      expect(error.error).toBe('invalid_credential_request');
      expect(error.help).toBe('use credential_configuration_id "org.iso.18013.5.1.mDL" instead of format and doctype');
      expect(credentialRequestDialect(body)).toBe('draft-13');
    });

    it('names the configuration of an SD-JWT VC request and mentions proofs when proof was sent', () => {
      const error = rejection({ format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: PROOF_1 } });
      expect(error.help).toBe('use credential_configuration_id "eu.europa.ec.eudi.pid_vc_sd_jwt" instead of format and vct, and send proofs: { jwt: [ ... ] } instead of proof');
    });

    it('matches a jwt_vc_json credential_definition by its types', () => {
      const error = rejection({ format: 'jwt_vc_json', credential_definition: { type: ['UniversityDegreeCredential', 'VerifiableCredential'] } });
      expect(error.help).toContain('"UniversityDegree_JWT"');
    });

    it('lists the known ids when nothing matches', () => {
      const error = rejection({ format: 'dc+sd-jwt', vct: 'urn:other' });
      expect(error.help).toContain('with a key of credential_configurations_supported ("org.iso.18013.5.1.mDL", "eu.europa.ec.eudi.pid_vc_sd_jwt", "UniversityDegree_JWT")');
    });

    it('rejects the singular proof of draft 13 even with a 1.0 identifier', () => {
      const error = rejection({ credential_configuration_id: 'org.iso.18013.5.1.mDL', proof: { proof_type: 'jwt', jwt: PROOF_1 } });
      expect(error.error).toBe('invalid_credential_request');
      expect(error.help).toContain('send proofs: { jwt: [ ... ] }');
    });
  });

  it('puts the reason into error_description in the ASCII set RFC 6749 allows', () => {
    const error = rejection({ credential_configuration_id: 'eu.europa.ec.eudi.unknown' });
    expect(error.toWire()).toEqual({
      error: 'unknown_credential_configuration',
      error_description: "credential_configuration_id 'eu.europa.ec.eudi.unknown' is not in credential_configurations_supported",
    });
  });
});
