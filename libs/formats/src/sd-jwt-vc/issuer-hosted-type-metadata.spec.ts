import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { loadCredentialConfigurations, zCredentialConfiguration, type CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { issuerHostedTypeMetadata } from './issuer-hosted-type-metadata.js';

const ISSUER = 'https://issuer.example.com';

const sdJwtVc = (id: string, vct: string, name = 'Membership card'): CredentialConfiguration =>
  zCredentialConfiguration.parse({ id, format: 'dc+sd-jwt', vct, scope: id, display: [{ name, locale: 'en' }], claims: [{ path: ['member_id'], sd: 'never' }] });

describe('issuerHostedTypeMetadata', () => {
  it("serves documents for the issuer's own types only: not for URNs, other hosts or other formats", () => {
    const builtins = loadCredentialConfigurations({ builtins: true, files: [] });
    const documents = issuerHostedTypeMetadata(
      [...builtins, sdJwtVc('own', `${ISSUER}/vct/membership`), sdJwtVc('external', 'https://types.example.org/vct/membership'), sdJwtVc('urn', 'urn:example:membership')],
      ISSUER,
    );
    expect([...documents.keys()]).toEqual([`${ISSUER}/vct/membership`]);
    expect(documents.get(`${ISSUER}/vct/membership`)?.path).toBe('/vct/membership');
  });

  it('fixes the served bytes once, and their integrity is the SHA-256 of exactly those bytes (SD-JWT VC Section 7)', () => {
    const document = issuerHostedTypeMetadata([sdJwtVc('own', `${ISSUER}/vct/membership`)], ISSUER).get(`${ISSUER}/vct/membership`)!;
    expect(JSON.parse(document.body)).toEqual({
      vct: `${ISSUER}/vct/membership`,
      name: 'Membership card',
      display: [{ locale: 'en', name: 'Membership card' }],
      claims: [{ path: ['member_id'], sd: 'never' }],
    });
    expect(document.integrity).toBe(`sha256-${createHash('sha256').update(Buffer.from(document.body, 'utf8')).digest('base64')}`);
    const again = issuerHostedTypeMetadata([sdJwtVc('own', `${ISSUER}/vct/membership`)], ISSUER).get(`${ISSUER}/vct/membership`)!;
    expect(again).toEqual(document);
  });

  it('lets configurations share a type they describe alike, and refuses one they describe differently', () => {
    const alike = issuerHostedTypeMetadata([sdJwtVc('a', `${ISSUER}/vct/membership`), sdJwtVc('b', `${ISSUER}/vct/membership`)], ISSUER);
    expect(alike.size).toBe(1);
    expect(() => issuerHostedTypeMetadata([sdJwtVc('a', `${ISSUER}/vct/membership`), sdJwtVc('b', `${ISSUER}/vct/membership`, 'Other name')], ISSUER)).toThrow(
      `credential configurations "a" and "b" name the same vct ${ISSUER}/vct/membership but describe it differently`,
    );
  });
});
