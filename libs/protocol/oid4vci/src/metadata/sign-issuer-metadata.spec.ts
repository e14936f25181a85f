import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { createDevelopmentIacaCertificate, createIssuerCertificates, createSigningKey } from '@issuer/crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { zCredentialConfiguration } from '../credential-configuration/z-credential-configuration.js';
import { buildIssuerMetadata } from './build-issuer-metadata.js';
import { displayLocales, localizeIssuerMetadata } from './localize-issuer-metadata.js';
import { signIssuerMetadata } from './sign-issuer-metadata.js';

const ISSUER = 'https://issuer.example.com';
const NOW = 1_760_000_000;
const pid = zCredentialConfiguration.parse({
  id: 'pid',
  format: 'dc+sd-jwt',
  vct: 'urn:eudi:pid:1',
  scope: 'pid',
  display: [{ name: 'PID', locale: 'en' }, { name: 'Personalausweis', locale: 'de' }],
  claims: [{ path: ['given_name'], display: [{ name: 'Given name', locale: 'en' }, { name: 'Vorname', locale: 'de' }] }],
});
const metadata = buildIssuerMetadata({ baseUrl: ISSUER, configurations: [pid], display: [{ name: 'Issuer', locale: 'en' }, { name: 'Aussteller', locale: 'de' }, { name: 'Logo only' }] });

describe('signIssuerMetadata (OID4VCI 1.0 Section 12.2.3)', () => {
  it('puts every metadata parameter into a JWT typed openidvci-issuer-metadata+jwt that jose verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { x5c } = await createIssuerCertificates({ issuerUrl: ISSUER, publicKey });
    const jwt = signIssuerMetadata(metadata, { signingKey: createSigningKey({ privateKey, x5c }), now: NOW, ttlSeconds: 3600 });

    const { payload } = await jwtVerify(jwt, publicKey, { typ: 'openidvci-issuer-metadata+jwt', subject: ISSUER, currentDate: new Date((NOW + 1) * 1000) });
    expect(payload).toMatchObject({ ...metadata, sub: ISSUER, iat: NOW, exp: NOW + 3600 });
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'ES256', x5c });
  });

  it('O4: never signs with an x5c that includes the trust anchor or whose signing certificate is self-signed (HAIP 1.0 Section 4.1)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const certificates = await createIssuerCertificates({ issuerUrl: ISSUER, publicKey });
    const selfSigned = await createDevelopmentIacaCertificate(privateKey, ISSUER);
    for (const x5c of [[...certificates.x5c, certificates.iaca.der], [selfSigned.der]]) {
      expect(() => signIssuerMetadata(metadata, { signingKey: createSigningKey({ privateKey, x5c }), now: NOW, ttlSeconds: 3600 })).toThrow(/self-signed/);
    }
  });
});

describe('localizeIssuerMetadata (OID4VCI 1.0 Section 12.2.2)', () => {
  it('keeps the display data of one locale, and entries without a locale', () => {
    expect(displayLocales(metadata)).toEqual(new Set(['en', 'de']));
    const german = localizeIssuerMetadata(metadata, 'de');
    expect(german.display).toEqual([{ name: 'Aussteller', locale: 'de' }, { name: 'Logo only' }]);
    expect(german.credential_configurations_supported['pid']?.credential_metadata).toEqual({
      display: [{ name: 'Personalausweis', locale: 'de' }],
      claims: [{ path: ['given_name'], display: [{ name: 'Vorname', locale: 'de' }] }],
    });
  });
});
