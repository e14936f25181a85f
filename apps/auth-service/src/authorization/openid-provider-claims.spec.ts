import { describe, expect, it } from '@jest/globals';
import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { openIdProviderClaimsFor } from './openid-provider-claims.js';

const sdJwt = { format: 'dc+sd-jwt', vct: 'urn:example', claims: [{ path: ['given_name'] }, { path: ['address', 'locality'] }, { path: ['address', 'country'] }, { path: ['birthdate'] }] } as unknown as CredentialConfiguration;
const mdoc = { format: 'mso_mdoc', doctype: 'org.example', claims: [{ path: ['org.example.1', 'given_name'] }, { path: ['org.example.1', 'age_over_18'] }] } as unknown as CredentialConfiguration;
const opClaims = { iss: 'https://op.example', sub: 'u1', nonce: 'n', given_name: 'Erika', family_name: 'Mustermann', address: { locality: 'Köln', country: 'DE' }, age_over_18: true };

describe('openIdProviderClaimsFor', () => {
  it('takes the OP\'s claims a configuration describes, by name: top-level claims whole, mdoc elements in their namespace', () => {
    expect(openIdProviderClaimsFor(opClaims, sdJwt)).toEqual({ given_name: 'Erika', address: { locality: 'Köln', country: 'DE' } });
    expect(openIdProviderClaimsFor(opClaims, mdoc)).toEqual({ 'org.example.1': { given_name: 'Erika', age_over_18: true } });
  });

  it('leaves out claims about the token, and is undefined when the OP stated none of the configuration\'s claims', () => {
    const withSub = { ...sdJwt, claims: [{ path: ['sub'] }, { path: ['nonce'] }] } as unknown as CredentialConfiguration;
    expect(openIdProviderClaimsFor(opClaims, withSub)).toBeUndefined();
    expect(openIdProviderClaimsFor({ sub: 'u1', email: 'e@example.com' }, sdJwt)).toBeUndefined();
  });
});
