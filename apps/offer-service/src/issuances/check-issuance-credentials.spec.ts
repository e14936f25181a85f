import { describe, expect, it } from '@jest/globals';
import { CredentialConfigurationRegistry } from '@issuer/nest';
import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { protocolErrorOf } from '@issuer/testing';
import { checkIssuanceCredentials } from './check-issuance-credentials.js';

const scoped = zCredentialConfiguration.parse({ id: 'scoped', format: 'dc+sd-jwt', vct: 'urn:example:scoped', scope: 'scoped', claims: [{ path: ['name'], mandatory: true }] });
const unscoped = zCredentialConfiguration.parse({ id: 'unscoped', format: 'dc+sd-jwt', vct: 'urn:example:unscoped', claims: [{ path: ['name'] }] });

const registry = () => new CredentialConfigurationRegistry([{ configuration: scoped, source: 'file' }, { configuration: unscoped, source: 'file' }]);

describe('checkIssuanceCredentials', () => {
  it('takes enabled configurations and claims that fit them', () => {
    expect(() => checkIssuanceCredentials(registry(), [{ credential_configuration_id: 'scoped', claims: { name: 'Erika' } }, { credential_configuration_id: 'unscoped' }], 'lenient')).not.toThrow();
  });

  it('refuses a disabled configuration, saying so and how to enable it', () => {
    const configurations = registry();
    configurations.apply({ configuration: scoped, disabled: true, revision: 1 });
    const error = protocolErrorOf(() => checkIssuanceCredentials(configurations, [{ credential_configuration_id: 'scoped', claims: { name: 'Erika' } }], 'lenient'));
    expect({ error: error.error, status: error.status }).toEqual({ error: 'invalid_request', status: 400 });
    expect(error.reason).toBe('credentials[0].credential_configuration_id scoped is disabled: it is not issued.');
    expect(error.help).toBe('Enable it with POST /admin/v1/credential-configurations/scoped/enable, or use one of: unscoped.');
  });

  it('refuses, under the HAIP profile, a configuration without scope (HAIP 1.0 Section 4.1)', () => {
    const error = protocolErrorOf(() => checkIssuanceCredentials(registry(), [{ credential_configuration_id: 'scoped' }, { credential_configuration_id: 'unscoped' }], 'haip'));
    expect(error.reason).toBe('credentials[1]: the issuance follows the HAIP profile, and credential configuration unscoped has no scope, which HAIP 1.0 Section 4.1 requires of every credential configuration.');
    expect(error.specRef).toBe('HAIP 1.0 Section 4.1');
    expect(() => checkIssuanceCredentials(registry(), [{ credential_configuration_id: 'scoped' }], 'haip')).not.toThrow();
  });

  it('refuses an unknown configuration', () => {
    const error = protocolErrorOf(() => checkIssuanceCredentials(registry(), [{ credential_configuration_id: 'nope' }], 'lenient'));
    expect(error.reason).toBe('credentials[0].credential_configuration_id nope is unknown.');
  });
});
