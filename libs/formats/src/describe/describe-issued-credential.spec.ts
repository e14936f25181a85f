import { describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { loadCredentialConfigurations } from '@issuer/protocol-oid4vci';
import { pidMdocElements } from '@issuer/testing';
import { formatFor } from '../credential-format.js';
import { describeIssuedCredential } from './describe-issued-credential.js';

const NOW = 1_780_000_000;
const configurations = loadCredentialConfigurations({ builtins: true, files: [] });
const issuerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const holderJwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JWK;
const signingKey = {
  kid: 'issuer-key-1',
  alg: 'ES256',
  privateKey: issuerKey.privateKey,
  publicJwk: issuerKey.publicKey.export({ format: 'jwk' }) as JWK,
  // Not parsed by the display: any DER-sized bytes stand in for the Document Signer certificate.
  x5c: [Buffer.alloc(300, 1).toString('base64')],
};

async function issue(configurationId: string, claims: Record<string, unknown>): Promise<string> {
  const configuration = configurations.find((candidate) => candidate.id === configurationId)!;
  const { credential } = await formatFor(configuration.format).issue({ configuration, claims, holderJwk, issuer: 'https://issuer.example.com', signingKey, now: NOW });
  return credential as string;
}

describe('describeIssuedCredential', () => {
  it('decodes an SD-JWT VC: each disclosure with its digest and the path it discloses, nested ones included', async () => {
    const credential = await issue('eu.europa.ec.eudi.pid_vc_sd_jwt', {
      family_name: 'Mustermann',
      given_name: 'Erika',
      birthdate: '1964-08-12',
      nationalities: ['DE', 'FR'],
      address: { street_address: 'Heidestrasse 17', locality: 'Koeln', country: 'DE' },
      issuing_authority: 'DE',
      issuing_country: 'DE',
    });
    const described = describeIssuedCredential(credential) as {
      format: string;
      issuer_signed_jwt: { header: Record<string, unknown>; payload: Record<string, unknown>; signature_length: number };
      disclosures: Array<{ path: string | null; digest: string; name?: string; value: unknown }>;
      key_binding_jwt: unknown;
    };
    expect(described.format).toBe('sd-jwt');
    expect(described.issuer_signed_jwt.header).toMatchObject({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'issuer-key-1' });
    expect(described.issuer_signed_jwt.payload).toMatchObject({ iss: 'https://issuer.example.com', iat: NOW, cnf: { jwk: holderJwk } });
    expect(described.issuer_signed_jwt.signature_length).toBeGreaterThan(0);
    expect(described.key_binding_jwt).toBeNull();

    const disclosureTexts = credential.split('~').slice(1, -1);
    expect(described.disclosures).toHaveLength(disclosureTexts.length);
    described.disclosures.forEach((disclosure, index) => {
      expect(disclosure.digest).toBe(createHash('sha256').update(disclosureTexts[index]!).digest('base64url'));
      expect(disclosure.path).not.toBeNull();
    });
    const byPath = new Map(described.disclosures.map((disclosure) => [disclosure.path, disclosure]));
    expect(byPath.get('$.family_name')).toMatchObject({ name: 'family_name', value: 'Mustermann' });
    expect(byPath.get('$.birthdate')).toMatchObject({ value: '1964-08-12' });
    // A disclosed object's own disclosures are found inside its value (SD-JWT Section 7.1).
    const street = described.disclosures.find((disclosure) => disclosure.name === 'street_address');
    expect(street?.path).toMatch(/^\$\.address\.street_address$/);
    expect(byPath.get('$.nationalities')).toMatchObject({ value: ['DE', 'FR'] });
  });

  it('places array element disclosures by index (SD-JWT Section 4.2.2) and shows a key binding JWT', () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const element = part(['salt-1', 'FR']);
    const digest = createHash('sha256').update(element).digest('base64url');
    const jwt = `${part({ alg: 'ES256' })}.${part({ _sd_alg: 'sha-256', nationalities: ['DE', { '...': digest }] })}.c2ln`;
    const keyBinding = `${part({ typ: 'kb+jwt', alg: 'ES256' })}.${part({ nonce: 'n-1' })}.c2ln`;
    const described = describeIssuedCredential(`${jwt}~${element}~${keyBinding}`);
    expect(described['disclosures']).toEqual([{ path: '$.nationalities[1]', digest, value: 'FR' }]);
    expect(described['key_binding_jwt']).toEqual({ header: { typ: 'kb+jwt', alg: 'ES256' }, payload: { nonce: 'n-1' } });
  });

  it('decodes an mdoc: data elements per namespace and the MSO with its validity and device key', async () => {
    const credential = await issue('eu.europa.ec.eudi.pid_mso_mdoc', {
      'eu.europa.ec.eudi.pid.1': pidMdocElements(),
    });
    const described = describeIssuedCredential(credential) as {
      format: string;
      nameSpaces: Record<string, Array<{ digestID: number; elementIdentifier: string; elementValue: unknown }>>;
      issuerAuth: { protected: Record<string, unknown>; unprotected: Record<string, unknown>; mso: Record<string, unknown>; signature_length: number };
    };
    expect(described.format).toBe('mdoc');
    const elements = described.nameSpaces['eu.europa.ec.eudi.pid.1']!;
    expect(Object.fromEntries(elements.map((element) => [element.elementIdentifier, element.elementValue]))).toMatchObject({ family_name: 'Mustermann', age_over_18: true, birth_date: '1964-08-12' });
    expect(new Set(elements.map((element) => element.digestID)).size).toBe(elements.length);
    expect(described.issuerAuth.protected).toEqual({ alg: 'ES256' });
    expect(described.issuerAuth.unprotected).toEqual({ x5chain: ['<DER certificate, 300 bytes>'] });
    expect(described.issuerAuth.signature_length).toBe(64);
    expect(described.issuerAuth.mso).toMatchObject({
      version: '1.0',
      digestAlgorithm: 'SHA-256',
      docType: 'eu.europa.ec.eudi.pid.1',
      validityInfo: { signed: new Date(NOW * 1000).toISOString().replace('.000', ''), validFrom: new Date(NOW * 1000).toISOString().replace('.000', '') },
      deviceKeyInfo: { deviceKey: { kty: 2, crv: 1, x: holderJwk.x, y: holderJwk.y } },
    });
    const digests = (described.issuerAuth.mso['valueDigests'] as Record<string, Record<string, string>>)['eu.europa.ec.eudi.pid.1']!;
    expect(Object.keys(digests).map(Number).sort()).toEqual(elements.map((element) => element.digestID).sort());
  });

  it('describes what it cannot read instead of throwing', () => {
    expect(describeIssuedCredential('%%%not-a-credential')).toMatchObject({ format: 'unknown', length: 19 });
    expect(describeIssuedCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'] })).toMatchObject({ format: 'json' });
    expect(describeIssuedCredential('a.b.c')).toMatchObject({ format: 'jwt', header: '<not base64url JSON, len=1>' });
  });
});
