import { describe, expect, it } from '@jest/globals';
import { loadCredentialConfigurations } from '../credential-configuration/load-credential-configurations.js';
import { buildIssuerMetadata } from './build-issuer-metadata.js';

const configurations = loadCredentialConfigurations({ builtins: true, files: [] });

describe('buildIssuerMetadata (OID4VCI 1.0 Section 12.2.4)', () => {
  it('lists the endpoints under the credential issuer identifier and every configuration by id', () => {
    const metadata = buildIssuerMetadata({
      baseUrl: 'https://issuer.example.com/',
      configurations,
      display: [{ name: 'Example Issuer', locale: 'en' }],
    });
    expect(metadata).toEqual({
      credential_issuer: 'https://issuer.example.com',
      credential_endpoint: 'https://issuer.example.com/credential',
      nonce_endpoint: 'https://issuer.example.com/nonce',
      deferred_credential_endpoint: 'https://issuer.example.com/deferred_credential',
      notification_endpoint: 'https://issuer.example.com/notification',
      display: [{ name: 'Example Issuer', locale: 'en' }],
      credential_configurations_supported: {
        'eu.europa.ec.eudi.pid_vc_sd_jwt': expect.objectContaining({ format: 'dc+sd-jwt', vct: 'urn:eudi:pid:1' }),
        'eu.europa.ec.eudi.pid_mso_mdoc': expect.objectContaining({ format: 'mso_mdoc', doctype: 'eu.europa.ec.eudi.pid.1', credential_signing_alg_values_supported: [-7] }),
        'org.iso.18013.5.1.mDL': expect.objectContaining({ format: 'mso_mdoc', doctype: 'org.iso.18013.5.1.mDL' }),
        'eu.europa.ec.av.1': expect.objectContaining({ format: 'mso_mdoc', doctype: 'eu.europa.ec.av.1' }),
      },
    });
  });

  it('keeps a path in the identifier and names separate authorization servers', () => {
    const metadata = buildIssuerMetadata({
      baseUrl: 'https://issuer.example.com/tenant',
      configurations,
      authorizationServers: ['https://auth.example.com/'],
      deferred: false,
      notification: false,
    });
    expect(metadata.credential_endpoint).toBe('https://issuer.example.com/tenant/credential');
    expect(metadata.authorization_servers).toEqual(['https://auth.example.com']);
    expect(metadata).not.toHaveProperty('deferred_credential_endpoint');
    expect(metadata).not.toHaveProperty('notification_endpoint');
  });

  it('advertises batch issuance only for a batch size of 2 or more', () => {
    expect(buildIssuerMetadata({ baseUrl: 'https://i.example', configurations, batchSize: 1 })).not.toHaveProperty('batch_credential_issuance');
    expect(buildIssuerMetadata({ baseUrl: 'https://i.example', configurations, batchSize: 5 }).batch_credential_issuance).toEqual({ batch_size: 5 });
  });
});
