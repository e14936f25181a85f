import { describe, expect, it } from '@jest/globals';
import { createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { JwkError, JwsAlgError } from './crypto-errors.js';
import { decodeJws } from './decode-jws.js';
import { verifyJwsSignature } from './verify-jws-signature.js';

const RFC7515_A3_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
};
const RFC7515_A3_JWS =
  'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q';

function algError(run: () => unknown): JwsAlgError {
  try {
    run();
  } catch (error) {
    if (error instanceof JwsAlgError) return error;
    throw error;
  }
  throw new Error('no JwsAlgError thrown');
}

describe('verifyJwsSignature', () => {
  it('verifies the RFC 7515 Appendix A.3 ES256 example with a JWK', () => {
    expect(verifyJwsSignature(decodeJws(RFC7515_A3_JWS), RFC7515_A3_JWK, 'ES256')).toBe(true);
  });

  it('verifies the RFC 8037 Appendix A.4 Ed25519 example', () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
    const signingInput = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc';
    const signature = Buffer.from('hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg', 'base64url');
    expect(verifyJwsSignature({ signingInput, signature }, jwk, 'EdDSA')).toBe(true);
  });

  it.each([
    ['ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['ES384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' })],
    ['ES512', () => generateKeyPairSync('ec', { namedCurve: 'P-521' })],
    ['EdDSA', () => generateKeyPairSync('ed25519')],
    ['RS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['PS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ])('verifies %s JWTs signed by jose and rejects a tampered payload', async (alg, generate) => {
    const { publicKey, privateKey } = generate();
    const jwt = await new SignJWT({ sub: 'holder' }).setProtectedHeader({ alg }).sign(privateKey);
    expect(verifyJwsSignature(decodeJws(jwt), publicKey, alg)).toBe(true);
    const [header, , signature] = jwt.split('.');
    const tampered = `${header}.${Buffer.from('{"sub":"other"}').toString('base64url')}.${signature}`;
    expect(verifyJwsSignature(decodeJws(tampered), publicKey, alg)).toBe(false);
  });

  it('returns false for a signature of the wrong length or made by another key', () => {
    const decoded = decodeJws(RFC7515_A3_JWS);
    expect(verifyJwsSignature({ ...decoded, signature: decoded.signature.subarray(0, 63) }, RFC7515_A3_JWK, 'ES256')).toBe(false);
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(verifyJwsSignature(decoded, other, 'ES256')).toBe(false);
  });

  it('refuses alg none, MACs, unknown and missing algorithms by code', () => {
    const decoded = decodeJws(RFC7515_A3_JWS);
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'none')).code).toBe('ERR_JWS_ALG_NONE');
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'HS256')).code).toBe('ERR_JWS_ALG_SYMMETRIC');
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'ES256K')).code).toBe('ERR_JWS_ALG_UNSUPPORTED');
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, undefined)).code).toBe('ERR_JWS_ALG_MISSING');
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'constructor')).code).toBe('ERR_JWS_ALG_UNSUPPORTED');
  });

  it('refuses an alg that does not fit the key type or curve', () => {
    const decoded = decodeJws(RFC7515_A3_JWS);
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'ES384')).message).toBe('alg ES384 needs curve P-384, got P-256');
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'EdDSA')).code).toBe('ERR_JWS_ALG_KEY_MISMATCH');
    expect(algError(() => verifyJwsSignature(decoded, RFC7515_A3_JWK, 'RS256')).code).toBe('ERR_JWS_ALG_KEY_MISMATCH');
  });

  it('refuses RSA keys shorter than 2048 bits', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(algError(() => verifyJwsSignature(decodeJws(RFC7515_A3_JWS), publicKey, 'RS256')).message).toContain('1024 bits');
  });

  it('refuses private, secret and private-JWK keys', () => {
    const decoded = decodeJws(RFC7515_A3_JWS);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => verifyJwsSignature(decoded, privateKey, 'ES256')).toThrow(JwkError);
    expect(() => verifyJwsSignature(decoded, createSecretKey(randomBytes(32)), 'ES256')).toThrow(JwkError);
    expect(() => verifyJwsSignature(decoded, privateKey.export({ format: 'jwk' }), 'ES256')).toThrow(JwkError);
  });
});
