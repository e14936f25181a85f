import { describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { zCredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { parseCredentialRequest, type CredentialRequestContext } from '../credential-request/parse-credential-request.js';
import { translateDraftCredentialRequest } from './translate-draft-credential-request.js';

const PROOF = 'eyJ0eXAiOiJvcGVuaWQ0dmNpLXByb29mK2p3dCIsImFsZyI6IkVTMjU2In0.eyJub25jZSI6Im4ifQ.c2ln';
const mdl = zCredentialConfiguration.parse({ id: 'org.iso.18013.5.1.mDL', format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL', scope: 'mDL' });
const pid = zCredentialConfiguration.parse({ id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1', scope: 'pid' });
// EBSI v4 conformance credentials are jwt_vc_json with the types of the credential (seed 003).
const ebsi = zCredentialConfiguration.parse({
  id: 'CTWalletSameInTime',
  format: 'jwt_vc_json',
  scope: 'ebsi',
  credential_definition: { type: ['VerifiableCredential', 'VerifiableAttestation', 'CTWalletSameInTime'] },
});
const configurations = [mdl, pid, ebsi];
const ctx: CredentialRequestContext = {
  tokenCredentialConfigurationIds: configurations.map((c) => c.id),
  knownConfigurationIds: configurations.map((c) => c.id),
  credentialIdentifiers: {},
  configurations,
};

describe('translateDraftCredentialRequest', () => {
  it('leaves a 1.0 request alone', () => {
    expect(translateDraftCredentialRequest({ credential_configuration_id: pid.id, proofs: { jwt: [PROOF] } }, configurations)).toBeUndefined();
  });

  it('translates a draft 13 SD-JWT VC request (vc+sd-jwt, vct, singular proof) into one the 1.0 parser accepts', () => {
    const translation = translateDraftCredentialRequest({ format: 'vc+sd-jwt', vct: 'urn:eudi:pid:1', proof: { proof_type: 'jwt', jwt: PROOF } }, configurations);

    expect(translation?.dialect).toBe('draft-13');
    expect(translation?.request).toEqual({ credential_configuration_id: pid.id, proofs: { jwt: [PROOF] } });
    expect(translation?.changes).toEqual([
      'format "vc+sd-jwt" with vct "urn:eudi:pid:1" -> credential_configuration_id "eu.europa.ec.eudi.pid_vc_sd_jwt"',
      'proof { proof_type: "jwt" } -> proofs.jwt[0]',
    ]);
    expect(parseCredentialRequest(translation?.request, ctx)).toMatchObject({ credentialConfigurationId: pid.id, proofs: { jwt: [PROOF] } });
  });

  it('translates the draft 13 mdoc request of seed 000, whose absent members are JSON null', () => {
    const body = { claims: null, credential_definition: null, credential_identifier: null, credential_response_encryption: null, doctype: 'org.iso.18013.5.1.mDL', format: 'mso_mdoc', proof: null, proofs: null, vct: null };
    const translation = translateDraftCredentialRequest(body, configurations);
    expect(translation?.request.credential_configuration_id).toBe(mdl.id);
    expect(parseCredentialRequest(translation?.request, ctx).credentialConfigurationId).toBe(mdl.id);
  });

  it('translates a draft 11 (EBSI v4) request: jwt_vc with types', () => {
    const translation = translateDraftCredentialRequest(
      { format: 'jwt_vc', types: ['VerifiableCredential', 'VerifiableAttestation', 'CTWalletSameInTime'], proof: { proof_type: 'jwt', jwt: PROOF } },
      configurations,
    );
    expect(translation?.dialect).toBe('draft-11');
    expect(translation?.request).toEqual({ credential_configuration_id: ebsi.id, proofs: { jwt: [PROOF] } });
  });

  it('translates the singular proof of a draft 15 request that already names the configuration', () => {
    const translation = translateDraftCredentialRequest({ credential_configuration_id: pid.id, proof: { proof_type: 'jwt', jwt: PROOF } }, configurations);
    expect(translation?.dialect).toBe('draft-15');
    expect(translation?.request).toEqual({ credential_configuration_id: pid.id, proofs: { jwt: [PROOF] } });
  });

  it('maps a draft ldp_vp proof to the 1.0 di_vp proof type', () => {
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] };
    const translation = translateDraftCredentialRequest({ credential_configuration_id: pid.id, proof: { proof_type: 'ldp_vp', ldp_vp: presentation } }, configurations);
    expect(translation?.request.proofs).toEqual({ di_vp: [presentation] });
  });

  it('leaves what matches no configuration as sent, so the 1.0 parser names the problem', () => {
    const translation = translateDraftCredentialRequest({ format: 'vc+sd-jwt', vct: 'urn:unknown', proof: { proof_type: 'jwt', jwt: PROOF } }, configurations);
    expect(translation?.request).toMatchObject({ format: 'vc+sd-jwt', vct: 'urn:unknown' });
    let error: unknown;
    try {
      parseCredentialRequest(translation?.request, ctx);
    } catch (caught) {
      error = caught;
    }
    expect(isProtocolError(error) && error.error).toBe('invalid_credential_request');
    expect(isProtocolError(error) && error.help).toContain('use credential_configuration_id with a key of credential_configurations_supported');
  });

  it('keeps proof when proofs is sent too, for the parser to refuse both', () => {
    const translation = translateDraftCredentialRequest({ credential_configuration_id: pid.id, proof: { proof_type: 'jwt', jwt: PROOF }, proofs: { jwt: [PROOF] } }, configurations);
    expect(translation?.request.proof).toBeDefined();
  });
});
