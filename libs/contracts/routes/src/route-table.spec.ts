import { describe, expect, it } from '@jest/globals';
import { serviceForPath } from './route-table.js';

describe('route table', () => {
  it('routes each public path to the service that owns it', () => {
    expect(serviceForPath('/token')).toBe('auth-service');
    expect(serviceForPath('/credential')).toBe('credential-service');
    expect(serviceForPath('/credential-offers/abc')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/issuances/123')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/issuances/123/qr.png')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/webhooks')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/webhooks/abc')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/api-keys/k1')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/openapi.json')).toBe('offer-service');
    expect(serviceForPath('/admin/docs/swagger-ui.css')).toBe('offer-service');
    expect(serviceForPath('/admin/v1/sessions/s1')).toBe('session-log-service');
    expect(serviceForPath('/deferred_credential')).toBe('deferred-service');
    expect(serviceForPath('/admin/v1/trust-anchors')).toBe('credential-service');
    expect(serviceForPath('/vct/membership')).toBe('credential-service');
    expect(serviceForPath('/direct_post')).toBe('auth-service');
    expect(serviceForPath('/authorize/callback')).toBe('auth-service');
    expect(serviceForPath('/.well-known/openid-configuration')).toBe('auth-service');
  });

  it('does not route a path that merely starts like an exact route', () => {
    expect(serviceForPath('/tokenx')).toBeUndefined();
    expect(serviceForPath('/credentials')).toBeUndefined();
  });
});
