import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadPlatformConfig } from './platform-config.js';

describe('loadPlatformConfig: the OpenID Provider End-Users log in at', () => {
  it('is absent by default: the built-in login page', () => {
    expect(loadPlatformConfig({}).loginOpenIdProvider).toBeUndefined();
  });

  it('takes issuer, client and secret as given, and always asks for scope openid', () => {
    const config = loadPlatformConfig({ LOGIN_OPENID_PROVIDER_ISSUER: 'https://op.example/', LOGIN_OPENID_PROVIDER_CLIENT_ID: 'issuer', LOGIN_OPENID_PROVIDER_CLIENT_SECRET: 's3cret', LOGIN_OPENID_PROVIDER_SCOPES: 'profile,address' });
    expect(config.loginOpenIdProvider).toEqual({ issuer: 'https://op.example/', clientId: 'issuer', clientSecret: 's3cret', scopes: ['openid', 'profile', 'address'] });
    expect(loadPlatformConfig({ LOGIN_OPENID_PROVIDER_ISSUER: 'https://op.example', LOGIN_OPENID_PROVIDER_CLIENT_ID: 'issuer' }).loginOpenIdProvider).toMatchObject({ clientSecret: undefined, scopes: ['openid', 'profile', 'email', 'address'] });
  });

  it('refuses an issuer without a client, or a client without an issuer', () => {
    expect(() => loadPlatformConfig({ LOGIN_OPENID_PROVIDER_ISSUER: 'https://op.example' })).toThrow(ConfigurationError);
    expect(() => loadPlatformConfig({ LOGIN_OPENID_PROVIDER_CLIENT_ID: 'issuer' })).toThrow(ConfigurationError);
    expect(() => loadPlatformConfig({ LOGIN_OPENID_PROVIDER_ISSUER: 'not a url', LOGIN_OPENID_PROVIDER_CLIENT_ID: 'issuer' })).toThrow(ConfigurationError);
  });
});
