import { describe, expect, it } from '@jest/globals';
import { CredentialConfigurationRegistry } from '@issuer/nest';
import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { protocolErrorOf } from '@issuer/testing';
import { checkCredentialConfiguration, type CheckContext } from './check-credential-configuration.js';

const ISSUER = 'https://issuer.example.com';

const membership = {
  id: 'membership',
  format: 'dc+sd-jwt',
  vct: '/vct/membership',
  scope: 'membership',
  claims: [{ path: ['member_id'], mandatory: true, sd: 'never' }, { path: ['name'], display: [{ name: 'Name', locale: 'en' }] }],
};

const existing = zCredentialConfiguration.parse({ id: 'degree', format: 'dc+sd-jwt', vct: 'urn:example:degree', scope: 'degree' });

const context = (changes: Partial<CheckContext> = {}): CheckContext => ({
  configurations: new CredentialConfigurationRegistry([{ configuration: existing, source: 'file' }]),
  credentialIssuer: ISSUER,
  profile: 'lenient',
  ...changes,
});

function reasonFor(body: unknown, changes: Partial<CheckContext> = {}): { error: string; status: number; reason: string | undefined; specRef: string | undefined } {
  const error = protocolErrorOf(() => checkCredentialConfiguration(body, context(changes)));
  return { error: error.error, status: error.status, reason: error.reason, specRef: error.specRef };
}

describe('checkCredentialConfiguration', () => {
  it('validates with the loaders’ schema, applies its defaults and resolves a vct path against the issuer', () => {
    const configuration = checkCredentialConfiguration(membership, context());
    expect(configuration).toMatchObject({ id: 'membership', vct: `${ISSUER}/vct/membership`, validity_seconds: 365 * 24 * 3600, status_list: true });
    expect(configuration.claims?.[0]?.sd).toBe('never');
  });

  it('names each field that is wrong, as a 400 invalid_request', () => {
    expect(reasonFor({ ...membership, validity_seconds: -1, claims: [{ path: [] }] })).toEqual({
      error: 'invalid_request',
      status: 400,
      reason: expect.stringMatching(/^The credential configuration is invalid: .*claims\[0\]\.path: .*validity_seconds: /),
      specRef: 'OID4VCI 1.0 Section 12.2.4',
    });
    expect(reasonFor({ ...membership, format: 'ldp_vc' }).reason).toMatch(/^The credential configuration is invalid: format: /);
    expect(reasonFor({ ...membership, claims: [{ path: ['name'] }, { path: ['name'] }] }).reason).toBe('The credential configuration is invalid: claims: claims[0] and claims[1]: name is described twice');
    expect(reasonFor({ ...membership, claims: [{ path: ['cnf'] }] }).reason).toBe('The credential configuration is invalid: claims[0].path: "cnf" is set by the issuer and cannot be a claim');
    expect(reasonFor([membership]).reason).toMatch(/^The credential configuration is invalid: \(body\): /);
  });

  it('takes the id from the path of a replacement, and refuses another one', () => {
    const withoutId = { ...membership, id: undefined };
    expect(checkCredentialConfiguration(withoutId, context({ id: 'membership' })).id).toBe('membership');
    expect(reasonFor(membership, { id: 'other' }).reason).toBe('id: "membership" is not the id in the path, other.');
  });

  it('takes a configuration without scope, unless the issuer runs the HAIP profile (HAIP 1.0 Section 4.1)', () => {
    const unscoped = { ...membership, scope: undefined };
    expect(checkCredentialConfiguration(unscoped, context()).scope).toBeUndefined();
    expect(reasonFor(unscoped, { profile: 'haip' })).toMatchObject({
      status: 400,
      reason: 'scope: the issuer runs the HAIP profile (COMPATIBILITY_PROFILE=haip), and credential configuration membership has no scope, which HAIP 1.0 Section 4.1 requires of every credential configuration.',
      specRef: 'HAIP 1.0 Section 4.1',
    });
  });

  it('refuses the scope of another configuration, and keeps its own on a replacement', () => {
    expect(reasonFor({ ...membership, scope: 'degree' }).reason).toBe('scope: "degree" is already the scope of degree.');
    expect(checkCredentialConfiguration({ ...existing, validity_seconds: 60 }, context({ id: 'degree' })).validity_seconds).toBe(60);
  });

  it('refuses an issuer-hosted vct another configuration describes differently', () => {
    const registry = new CredentialConfigurationRegistry([{ configuration: checkCredentialConfiguration(membership, context()), source: 'file' }]);
    const rival = { ...membership, id: 'rival', scope: 'rival', claims: [{ path: ['other'] }] };
    expect(reasonFor(rival, { configurations: registry })).toMatchObject({ status: 400, specRef: 'SD-JWT VC Section 6.3.1', reason: expect.stringContaining('vct: credential configurations "membership" and "rival" name the same vct') });
  });
});
