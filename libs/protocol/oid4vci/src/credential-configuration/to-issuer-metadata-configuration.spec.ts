import { describe, expect, it } from '@jest/globals';
import { loadCredentialConfigurations } from './load-credential-configurations.js';
import { toIssuerMetadataConfiguration } from './to-issuer-metadata-configuration.js';
import { zCredentialConfiguration } from './z-credential-configuration.js';

describe('toIssuerMetadataConfiguration', () => {
  it('maps the PID to a 1.0 credential_configurations_supported entry', () => {
    const pid = loadCredentialConfigurations({ builtins: true, files: [] }).find((configuration) => configuration.id === 'eu.europa.ec.eudi.pid_vc_sd_jwt');
    const entry = toIssuerMetadataConfiguration(pid!);
    expect(entry).toMatchObject({
      format: 'dc+sd-jwt',
      scope: 'eu.europa.ec.eudi.pid_vc_sd_jwt',
      vct: 'urn:eudi:pid:1',
      cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['ES256'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
    });
    expect(entry.credential_metadata?.display?.[0]?.name).toBe('Person Identification Data');
    expect(entry.credential_metadata?.claims?.[0]).toEqual({ path: ['family_name'], mandatory: true, display: [{ name: 'Family name', locale: 'en' }] });
    expect(JSON.stringify(entry)).not.toContain('"sd"');
    expect(entry).not.toHaveProperty('id');
    expect(entry).not.toHaveProperty('validity_seconds');
  });

  it('uses the format-specific type member and leaves out what is not configured', () => {
    const mdl = zCredentialConfiguration.parse({ id: 'org.iso.18013.5.1.mDL', format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL', scope: 'mDL', credential_signing_alg_values_supported: [-7] });
    expect(toIssuerMetadataConfiguration(mdl)).toEqual({
      format: 'mso_mdoc',
      scope: 'mDL',
      doctype: 'org.iso.18013.5.1.mDL',
      credential_signing_alg_values_supported: [-7],
    });
    const vc = zCredentialConfiguration.parse({ id: 'UniversityDegree_JWT', format: 'jwt_vc_json', scope: 'UniversityDegree', credential_definition: { type: ['VerifiableCredential', 'UniversityDegreeCredential'] } });
    expect(toIssuerMetadataConfiguration(vc).credential_definition).toEqual({ type: ['VerifiableCredential', 'UniversityDegreeCredential'] });
  });

  it('keeps a claim display description for the type metadata only', () => {
    const described = zCredentialConfiguration.parse({
      id: 'membership',
      format: 'dc+sd-jwt',
      vct: 'https://issuer.example.com/vct/membership',
      scope: 'membership',
      claims: [{ path: ['member_id'], display: [{ name: 'Member number', locale: 'en', description: 'Printed on the card' }] }],
    });
    expect(toIssuerMetadataConfiguration(described).credential_metadata?.claims).toEqual([{ path: ['member_id'], display: [{ name: 'Member number', locale: 'en' }] }]);
  });
});
