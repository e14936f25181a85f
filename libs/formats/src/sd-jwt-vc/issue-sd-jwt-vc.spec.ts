import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { isProtocolError } from '@issuer/protocol-errors';
import { loadCredentialConfigurations, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { formatFor } from '../credential-format.js';

const NOW = 1_780_000_000;
const ISSUER = 'https://issuer.example.com';

function ecKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

const issuerKey = ecKey();
const holder = ecKey();
const pid = loadCredentialConfigurations({ builtins: true, files: [] }).find((c) => c.id === 'eu.europa.ec.eudi.pid_vc_sd_jwt')!;

const pidClaims = {
  family_name: 'Mustermann',
  given_name: 'Erika',
  birthdate: '1964-08-12',
  nationalities: ['DE'],
  address: { street_address: 'Heidestrasse 17', locality: 'Koeln', postal_code: '51147', country: 'DE' },
  place_of_birth: { locality: 'Berlin', country: 'DE' },
  age_over_18: true,
  issuing_authority: 'DE',
  issuing_country: 'DE',
};

function issue(configuration: CredentialConfiguration, claims: Record<string, unknown>, x5c?: string[]) {
  return formatFor('dc+sd-jwt').issue({
    configuration,
    claims,
    holderJwk: holder.publicJwk,
    issuer: ISSUER,
    signingKey: { kid: 'issuer-key-1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk, ...(x5c && { x5c }) },
    now: NOW,
  });
}

async function verifier() {
  return new SDJwtVcInstance({ verifier: await ES256.getVerifier(issuerKey.publicJwk), hasher: digest });
}

function issuerSignedPart(credential: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = credential.split('~')[0]!.split('.');
  return { header: JSON.parse(Buffer.from(header!, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) };
}

async function rejection(claims: Record<string, unknown>): Promise<string> {
  try {
    await issue(pid, claims);
  } catch (error) {
    if (isProtocolError(error)) return error.reason;
    throw error;
  }
  throw new Error('expected issuance to be refused');
}

describe('SD-JWT VC issuance', () => {
  it('issues a PID that an independent verifier accepts with every claim restored', async () => {
    const { credential } = await issue(pid, pidClaims);
    const result = await (await verifier()).verify(credential, { currentDate: NOW + 60 });
    expect(result.payload).toEqual({
      iss: ISSUER,
      iat: NOW,
      exp: NOW + 7_776_000,
      vct: 'urn:eudi:pid:1',
      cnf: { jwk: holder.publicJwk },
      ...pidClaims,
    });
    expect(result.header).toEqual({ typ: 'dc+sd-jwt', alg: 'ES256', kid: 'issuer-key-1' });
  });

  it('carries the status list entry it is given as the status claim (Token Status List Section 6.1)', async () => {
    const status = { status_list: { idx: 4711, uri: 'https://issuer.example.com/status-lists/1' } };
    const { credential } = await formatFor('dc+sd-jwt').issue({
      configuration: pid,
      claims: pidClaims,
      holderJwk: holder.publicJwk,
      issuer: ISSUER,
      signingKey: { kid: 'issuer-key-1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk },
      now: NOW,
      status,
    });
    // Not in a disclosure: a verifier must read it without the holder's consent (Section 6.1).
    const [issuerJwt] = credential.split('~');
    expect(JSON.parse(Buffer.from(issuerJwt!.split('.')[1]!, 'base64url').toString('utf8')).status).toEqual(status);
  });

  it('carries the vct#integrity it is given in the clear, and none otherwise (SD-JWT VC Section 3.2.2.2)', async () => {
    const integrity = 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=';
    const { credential } = await formatFor('dc+sd-jwt').issue({
      configuration: pid,
      claims: pidClaims,
      holderJwk: holder.publicJwk,
      issuer: ISSUER,
      signingKey: { kid: 'issuer-key-1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicJwk },
      now: NOW,
      vctIntegrity: integrity,
    });
    expect(issuerSignedPart(credential).payload['vct#integrity']).toBe(integrity);
    expect((await (await verifier()).verify(credential, { currentDate: NOW })).payload['vct#integrity']).toBe(integrity);
    expect(issuerSignedPart((await issue(pid, pidClaims)).credential).payload).not.toHaveProperty(['vct#integrity']);
  });

  it('is rejected by the verifier when checked with another key', async () => {
    const { credential } = await issue(pid, pidClaims);
    const other = ecKey();
    const instance = new SDJwtVcInstance({ verifier: await ES256.getVerifier(other.publicJwk), hasher: digest });
    await expect(instance.verify(credential, { currentDate: NOW })).rejects.toThrow();
  });

  it('hides disclosable claims, nests address parts and keeps sd "never" claims in the clear', async () => {
    const { credential } = await issue(pid, pidClaims);
    const { payload } = issuerSignedPart(credential);
    expect(payload.issuing_country).toBe('DE');
    expect(payload.issuing_authority).toBe('DE');
    for (const hidden of ['family_name', 'given_name', 'birthdate', 'nationalities', 'address', 'place_of_birth', 'age_over_18']) {
      expect(payload).not.toHaveProperty(hidden);
    }
    expect(payload._sd).toHaveLength(7);
    expect(payload._sd_alg).toBe('sha-256');

    const decoded = await (await verifier()).decode(credential);
    const disclosures = (decoded.disclosures ?? []).map((d) => [d.key, d.value]);
    expect(disclosures).toContainEqual(['family_name', 'Mustermann']);
    expect(disclosures).toContainEqual(['locality', 'Koeln']);
    const address = disclosures.find(([key]) => key === 'address')?.[1] as Record<string, unknown>;
    expect(address).not.toHaveProperty('locality');
    expect(address._sd).toHaveLength(4);
    expect(disclosures).toHaveLength(11);
  });

  it('draws a fresh 128-bit salt for every disclosure', async () => {
    const { credential } = await issue(pid, pidClaims);
    const decoded = await (await verifier()).decode(credential);
    const salts = (decoded.disclosures ?? []).map((d) => d.salt);
    expect(new Set(salts).size).toBe(salts.length);
    for (const salt of salts) expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
  });

  it('makes each array element disclosable for a path with null', async () => {
    const configuration: CredentialConfiguration = {
      ...pid,
      claims: [{ path: ['nationalities', null] }, { path: ['issuing_country'], sd: 'never' }],
    };
    const { credential } = await issue(configuration, { nationalities: ['DE', 'FR'], issuing_country: 'DE' });
    const { payload } = issuerSignedPart(credential);
    expect(payload.nationalities).toEqual([{ '...': expect.any(String) }, { '...': expect.any(String) }]);
    const result = await (await verifier()).verify(credential, { currentDate: NOW });
    expect(result.payload.nationalities).toEqual(['DE', 'FR']);
  });

  it('puts the certificate chain in x5c when the key has one', async () => {
    const { credential } = await issue(pid, pidClaims, ['MIIBcert', 'MIIBca']);
    expect(issuerSignedPart(credential).header.x5c).toEqual(['MIIBcert', 'MIIBca']);
  });

  it('refuses claims the configuration does not describe, naming them', async () => {
    expect(await rejection({ ...pidClaims, shoe_size: 42, address: { ...pidClaims.address, floor: 3 } })).toBe(
      'cannot issue "eu.europa.ec.eudi.pid_vc_sd_jwt": claims not in the configuration: address.floor, shoe_size',
    );
  });

  it('refuses to issue without mandatory claims or with claims the issuer sets', async () => {
    const withoutFamilyName: Record<string, unknown> = { ...pidClaims };
    delete withoutFamilyName.family_name;
    expect(await rejection(withoutFamilyName)).toContain('mandatory claims missing: family_name');
    expect(await rejection({ ...pidClaims, iss: 'https://evil.example' })).toContain('claims the issuer sets itself: iss');
  });
});
