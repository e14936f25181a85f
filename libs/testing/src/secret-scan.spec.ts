import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SecretIndex, secretsOfExchange } from './secret-scan.js';

const accessToken = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3YWxsZXQiLCJqdGkiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLW9mLXRoZS1hY2Nlc3MtdG9rZW4';
const code = 'Qm9vdHN0cmFwLWNvZGUtMTIzNDU2Nzg5MA';

function index(...secrets: string[]): SecretIndex {
  const secretIndex = new SecretIndex();
  for (const secret of secrets) secretIndex.add(secret);
  return secretIndex;
}

describe('SecretIndex', () => {
  it('finds a planted secret in JSON, a header, a URL-encoded query and a log line', () => {
    const secrets = index(accessToken, code);
    expect(secrets.find(JSON.stringify({ headers: { authorization: `DPoP ${accessToken}` } }), 'entry 1')).toEqual([{ what: 'a secret eyJh... of 108 characters', where: 'entry 1', context: '{"headers":{"authorization":"DPoP <run>.<secret>' }]);
    expect(secrets.find(`/callback?state=x&code=${code}`, 'entry 2')).toHaveLength(1);
    expect(secrets.find(`openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({ 'pre-authorized_code': code }))}`, 'entry 3')).toHaveLength(1);
    expect(secrets.find(`{"level":40,"msg":"redeemed ${code}"}`, 'log line 4')).toHaveLength(1);
  });

  it('finds what is redacted, the shape of it, or another value, never', () => {
    const secrets = index(accessToken, code, '493817');
    expect(secrets.find(JSON.stringify({ code: '<present, len=34>', authorization: '<present, len=113>', tx_code: '<present, len=6>' }), 'entry')).toEqual([]);
    expect(secrets.find(`${code}x ${code.slice(1)} eyJhbGciOiJFUzI1NiJ9.other 1493817 4938170`, 'entry')).toEqual([]);
    expect(secrets.find('"tx_code":"493817"', 'entry')).toHaveLength(1);
  });

  it('finds private keys by their shape, as PEM or as a JWK, escaped or not', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const jwk = privateKey.export({ format: 'jwk' });
    const secrets = new SecretIndex();
    expect(secrets.find(JSON.stringify({ key: pem }), 'entry')).toEqual([{ what: 'a PEM private key', where: 'entry' }]);
    expect(secrets.find(JSON.stringify({ jwk }), 'entry')).toEqual([{ what: 'a private JWK member "d"', where: 'entry' }]);
    expect(secrets.find(JSON.stringify(JSON.stringify({ jwk })), 'entry')).toHaveLength(1);
    expect(secrets.find(JSON.stringify({ jwk: { ...jwk, d: undefined } }), 'entry')).toEqual([]);
  });

  it('keeps no secret too short to tell from other text', () => {
    expect(index('wrong', 'abc.def', 'A'.repeat(2048), '12').size).toBe(0);
  });
});

describe('secretsOfExchange', () => {
  it('takes bearer credentials and secret form parameters sent, codes and tokens answered', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const secrets = secretsOfExchange({
      url: 'https://issuer.example/token',
      requestHeaders: { authorization: 'Bearer c2VjcmV0LWFkbWluLWFwaS1rZXk', 'content-type': 'application/x-www-form-urlencoded' },
      requestBody: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, tx_code: '111111', redirect_uri: 'https://wallet.example/cb' }).toString(),
      responseHeaders: { location: `https://wallet.example/cb?code=${code}2` },
      responseBody: JSON.stringify({ access_token: accessToken, refresh_token: `${code}3`, token_type: 'DPoP', c_nonce: 'not-a-secret-nonce-value' }),
    });
    expect(secrets.sort()).toEqual(['c2VjcmV0LWFkbWluLWFwaS1rZXk', code, verifier, `${code}2`, accessToken, `${code}3`].sort());
  });

  it('takes the codes of a created offer and its tx_code, and the key of a created API key', () => {
    const offer = { credential_offer: { grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': code, tx_code: { length: 6 } } } }, tx_code: '493817' };
    expect(secretsOfExchange({ url: 'https://issuer.example/admin/v1/issuances', requestHeaders: {}, responseHeaders: {}, responseBody: JSON.stringify(offer) }).sort()).toEqual([code, '493817'].sort());
    const apiKey = { id: 'k1', key: 'aXNzdWVyLWFwaS1rZXktc2VjcmV0LXZhbHVl' };
    expect(secretsOfExchange({ url: 'https://issuer.example/admin/v1/api-keys', requestHeaders: {}, responseHeaders: {}, responseBody: JSON.stringify(apiKey) })).toEqual([apiKey.key]);
  });
});
