import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { isProtocolError } from '@issuer/protocol-errors';
import { zCredentialConfiguration, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { didJwk } from './did-jwk.js';
import { jwtVcJsonFormat } from './issue-jwt-vc-json.js';

const NOW = 1_780_000_000;
const ISSUER = 'https://issuer.example.com';

function ecKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

const issuerKey = ecKey();
const holder = ecKey();

const degree = zCredentialConfiguration.parse({
  id: 'UniversityDegree_JWT',
  format: 'jwt_vc_json',
  scope: 'UniversityDegree',
  credential_definition: { type: ['VerifiableCredential', 'UniversityDegreeCredential'] },
  validity_seconds: 86_400,
  claims: [
    { path: ['given_name'] },
    { path: ['family_name'], mandatory: true },
    { path: ['degree'] },
    { path: ['degree', 'type'], mandatory: true },
    { path: ['degree', 'name'] },
    { path: ['gpa'] },
  ],
});

const degreeClaims = { given_name: 'Arthur', family_name: 'Dent', degree: { type: 'BachelorDegree', name: 'Bachelor of Science and Arts' }, gpa: 3.7 };

function issue(configuration: CredentialConfiguration, claims: Record<string, unknown>, x5c?: string[], holderJwk: JWK = holder.publicJwk) {
  return jwtVcJsonFormat.issue({
    configuration,
    claims,
    holderJwk,
    issuer: ISSUER,
    signingKey: { kid: 'issuer-key-1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk, ...(x5c && { x5c }) },
    now: NOW,
  });
}

async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isProtocolError(error)) return error.reason;
    throw error;
  }
  throw new Error('expected issuance to be refused');
}

describe('jwt_vc_json issuance (OID4VCI 1.0 Appendix A.1.1)', () => {
  it('issues a JWT that jose verifies with the issuer key, carrying the VC in the vc claim', async () => {
    const { credential } = await issue(degree, degreeClaims);
    const { payload, protectedHeader } = await jwtVerify(credential, issuerKey.publicKey, {
      issuer: ISSUER,
      typ: 'JWT',
      algorithms: ['ES256'],
      currentDate: new Date((NOW + 60) * 1000),
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'issuer-key-1' });
    expect(payload).toEqual({
      iss: ISSUER,
      sub: didJwk(holder.publicJwk),
      nbf: NOW,
      iat: NOW,
      exp: NOW + 86_400,
      jti: expect.stringMatching(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      cnf: { jwk: holder.publicJwk },
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential', 'UniversityDegreeCredential'],
        credentialSubject: degreeClaims,
      },
    });
  });

  it('names the holder as did:jwk of the public key members alone', async () => {
    const { credential } = await issue(degree, degreeClaims);
    const { payload } = await jwtVerify(credential, issuerKey.publicKey, { currentDate: new Date(NOW * 1000) });
    const sub = payload.sub!;
    expect(sub.startsWith('did:jwk:')).toBe(true);
    expect(JSON.parse(Buffer.from(sub.slice('did:jwk:'.length), 'base64url').toString())).toEqual({
      crv: 'P-256',
      kty: 'EC',
      x: holder.publicJwk.x,
      y: holder.publicJwk.y,
    });
    expect(didJwk({ ...holder.publicJwk, kid: 'wallet-key', alg: 'ES256' })).toBe(sub);
  });

  it('names the holder by the DID of a key the key proof named by a DID URL', async () => {
    const didKey = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';
    const { credential } = await issue(degree, degreeClaims, undefined, { ...holder.publicJwk, kid: `${didKey}#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169` });
    const { payload } = await jwtVerify(credential, issuerKey.publicKey, { currentDate: new Date(NOW * 1000) });
    expect(payload.sub).toBe(didKey);
  });

  it('is rejected by jose with another key and outside its validity', async () => {
    const { credential } = await issue(degree, degreeClaims);
    await expect(jwtVerify(credential, ecKey().publicKey, { currentDate: new Date(NOW * 1000) })).rejects.toThrow('signature verification failed');
    await expect(jwtVerify(credential, issuerKey.publicKey, { currentDate: new Date((NOW + 86_401) * 1000) })).rejects.toThrow('"exp" claim timestamp check failed');
    await expect(jwtVerify(credential, issuerKey.publicKey, { currentDate: new Date((NOW - 120) * 1000) })).rejects.toThrow('"nbf" claim timestamp check failed');
  });

  it('draws a fresh jti for every credential', async () => {
    const jtis = await Promise.all([1, 2, 3].map(async () => (await jwtVerify((await issue(degree, degreeClaims)).credential, issuerKey.publicKey, { currentDate: new Date(NOW * 1000) })).payload.jti));
    expect(new Set(jtis).size).toBe(3);
  });

  it('puts the certificate chain in x5c when the key has one', async () => {
    const { credential } = await issue(degree, degreeClaims, ['MIIBcert', 'MIIBca']);
    expect(decodeProtectedHeader(credential).x5c).toEqual(['MIIBcert', 'MIIBca']);
  });

  it('refuses claims the configuration does not describe and missing mandatory claims', async () => {
    expect(await rejection(issue(degree, { ...degreeClaims, shoe_size: 42, degree: { ...degreeClaims.degree, honours: true } }))).toBe(
      'cannot issue "UniversityDegree_JWT": claims not in the configuration: degree.honours, shoe_size',
    );
    expect(await rejection(issue(degree, { given_name: 'Arthur', degree: { name: 'BSc' } }))).toContain('mandatory claims missing: family_name, degree.type');
  });

  it('refuses a credentialSubject id, which the holder DID in sub stands for', async () => {
    const open = { ...degree, claims: undefined } as CredentialConfiguration;
    expect(await rejection(issue(open, { id: 'did:example:someone-else', family_name: 'Dent' }))).toContain('claims the issuer sets itself: id');
  });

  it('refuses configurations of other formats and private holder keys', async () => {
    const sdJwt = zCredentialConfiguration.parse({ id: 'x', format: 'dc+sd-jwt', vct: 'urn:x', scope: 'x' });
    expect(await rejection(issue(sdJwt, degreeClaims))).toContain('not jwt_vc_json');
    const privateJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK;
    const refused = await rejection(
      jwtVcJsonFormat.issue({ configuration: degree, claims: degreeClaims, holderJwk: privateJwk, issuer: ISSUER, signingKey: { kid: 'k', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk }, now: NOW }),
    );
    expect(refused).toContain('private key');
  });
});
