import { describe, expect, it } from '@jest/globals';
import { redact, redactLocation, splitVerboseHeaders } from './redact.js';

describe('redact', () => {
  it('replaces codes, tx_code, tokens and PKCE verifiers by their presence and length', () => {
    const redacted = redact({
      'pre-authorized_code': 'abcdefghij',
      tx_code: '123456',
      code_verifier: 'v'.repeat(43),
      nested: { access_token: 'token-value', refresh_token: 'r' },
      headers: { authorization: 'DPoP xyz', 'user-agent': 'wallet/1.0' },
    });
    expect(redacted).toEqual({
      'pre-authorized_code': '<present, len=10>',
      tx_code: '<present, len=6>',
      code_verifier: '<present, len=43>',
      nested: { access_token: '<present, len=11>', refresh_token: '<present, len=1>' },
      headers: { authorization: '<present, len=8>', 'user-agent': 'wallet/1.0' },
    });
  });

  it('knows a secret by its name however it is spelled', () => {
    expect(redact({ accessToken: 'eyJhbGciOiJFUzI1NiJ9.e30.sig', 'Refresh-Token': 'abc', PreAuthorizedCode: 'xyz', htu: 'https://issuer.example/credential' })).toEqual({
      accessToken: '<present, len=28>',
      'Refresh-Token': '<present, len=3>',
      PreAuthorizedCode: '<present, len=3>',
      htu: 'https://issuer.example/credential',
    });
  });

  it('replaces the secret of a created management API key', () => {
    expect(redact({ id: 'k1', name: 'ci', key: 'isk_secret-value' })).toEqual({ id: 'k1', name: 'ci', key: '<present, len=16>' });
  });

  it('removes private members of a JWK but keeps its public ones', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'x-coordinate', y: 'y-coordinate', d: 'private-scalar' };
    expect(redact({ jwk })).toEqual({ jwk: { kty: 'EC', crv: 'P-256', x: 'x-coordinate', y: 'y-coordinate', d: '<present, len=14>' } });
  });

  it('keeps the start and length of an oversized value, and the first hundred items or members', () => {
    const redacted = redact({ proof: 'A'.repeat(200_000), proofs: Array.from({ length: 150 }, (_, i) => i), claims: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}`, i])) }) as Record<string, unknown>;
    expect(redacted['proof']).toBe(`${'A'.repeat(1024)}<truncated, len=200000>`);
    expect(redacted['proofs']).toEqual([...Array.from({ length: 100 }, (_, i) => i), '<50 more items>']);
    expect(Object.keys(redacted['claims'] as object)).toHaveLength(101);
    expect((redacted['claims'] as Record<string, unknown>)['<more members>']).toBe(1);
    expect(redact('B'.repeat(16 * 1024))).toBe('B'.repeat(16 * 1024));
  });

  it('leaves a member named like a JWK private member alone outside a JWK', () => {
    expect(redact({ d: 'plain', p: 1 })).toEqual({ d: 'plain', p: 1 });
  });

  it('walks arrays and marks absent secrets as absent', () => {
    expect(redact([{ tx_code: '' }, { code: null }])).toEqual([{ tx_code: '<absent>' }, { code: '<absent>' }]);
  });
});

describe('redactLocation', () => {
  it('hides the code of an authorization response and keeps state, iss and the target', () => {
    const location = 'openid://?code=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG&state=s1&iss=https%3A%2F%2Fissuer.example';
    expect(Object.fromEntries(new URL(redactLocation(location)).searchParams)).toEqual({ code: '<present, len=43>', state: 's1', iss: 'https://issuer.example' });
    expect(redactLocation('https://wallet.example/cb?state=s1')).toBe('https://wallet.example/cb?state=s1');
    expect(redactLocation('https://wallet.example/cb')).toBe('https://wallet.example/cb');
  });
});

describe('splitVerboseHeaders', () => {
  it('keeps proxy, mesh and message signature headers apart, their place showing only the length', () => {
    const headers = redact({
      'user-agent': 'wallet/1.0',
      authorization: 'DPoP secret-token',
      'x-forwarded-for': '203.0.113.7',
      'X-Envoy-Attempt-Count': '1',
      'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
      forwarded: 'for=203.0.113.7;proto=https',
      'x-request-id': 'abc-123',
      signature: 'sig1=:MEUCIQ=:',
      'signature-input': 'sig1=("@method");created=1',
    }) as Record<string, unknown>;
    const { headers: shown, verbose } = splitVerboseHeaders(headers);
    expect(shown).toEqual({
      'user-agent': 'wallet/1.0',
      authorization: '<present, len=17>',
      'x-forwarded-for': '<verbose capture off, len=11>',
      'X-Envoy-Attempt-Count': '<verbose capture off, len=1>',
      'x-b3-traceid': '<verbose capture off, len=32>',
      forwarded: '<verbose capture off, len=27>',
      'x-request-id': '<verbose capture off, len=7>',
      signature: '<verbose capture off, len=14>',
      'signature-input': '<verbose capture off, len=26>',
    });
    expect(verbose).toEqual({
      'x-forwarded-for': '203.0.113.7',
      'X-Envoy-Attempt-Count': '1',
      'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
      forwarded: 'for=203.0.113.7;proto=https',
      'x-request-id': 'abc-123',
      signature: 'sig1=:MEUCIQ=:',
      'signature-input': 'sig1=("@method");created=1',
    });
    expect(JSON.stringify(verbose)).not.toContain('secret-token');
  });
});
