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

describe('loadPlatformConfig: rate limits', () => {
  it('limits public traffic by default and exempts only the loopback addresses', () => {
    expect(loadPlatformConfig({}).rateLimits).toEqual({ perIpPerMinute: 600, perClientPerMinute: 120, burst: 100, exempt: ['127.0.0.1', '::1'] });
  });

  it('takes 0 for no limit, an empty exemption list, and CIDR ranges', () => {
    expect(loadPlatformConfig({ RATE_LIMIT_PER_IP_PER_MINUTE: '0', RATE_LIMIT_PER_CLIENT_PER_MINUTE: '0', RATE_LIMIT_EXEMPT: '' }).rateLimits).toMatchObject({ perIpPerMinute: 0, perClientPerMinute: 0, exempt: [] });
    expect(loadPlatformConfig({ RATE_LIMIT_EXEMPT: ' 10.0.0.0/8, fd00::/8 ' }).rateLimits.exempt).toEqual(['10.0.0.0/8', 'fd00::/8']);
  });

  it('refuses a negative rate, a burst of 0, and an exemption that is no address', () => {
    expect(() => loadPlatformConfig({ RATE_LIMIT_PER_IP_PER_MINUTE: '-1' })).toThrow(ConfigurationError);
    expect(() => loadPlatformConfig({ RATE_LIMIT_BURST: '0' })).toThrow(ConfigurationError);
    expect(() => loadPlatformConfig({ RATE_LIMIT_EXEMPT: '127.0.0.1,localhost' })).toThrow(/RATE_LIMIT_EXEMPT.*localhost/);
  });
});
