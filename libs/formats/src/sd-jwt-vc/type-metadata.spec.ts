import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import type { JWK } from 'jose';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, TypeMetadataFormatSchema } from '@sd-jwt/sd-jwt-vc';
import { loadCredentialConfigurations, zCredentialConfiguration, type SdJwtVcCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { issueSdJwtVc } from './issue-sd-jwt-vc.js';
import { buildTypeMetadata } from './type-metadata.js';

const ISSUER = 'https://issuer.example.com';

const membership = zCredentialConfiguration.parse({
  id: 'membership',
  format: 'dc+sd-jwt',
  vct: `${ISSUER}/vct/membership`,
  scope: 'membership',
  display: [
    {
      name: 'Membership card',
      locale: 'en',
      description: 'Proof of club membership',
      logo: { uri: 'https://issuer.example.com/logo.png', alt_text: 'Club logo' },
      background_color: '#12107c',
      text_color: '#ffffff',
    },
    { name: 'Mitgliedsausweis', locale: 'de' },
    { name: 'No locale, so not in the type metadata' },
  ],
  claims: [
    {
      path: ['member_id'],
      mandatory: true,
      sd: 'never',
      display: [
        { name: 'Member number', locale: 'en', description: 'As printed on the card' },
        { name: 'Mitgliedsnummer', locale: 'de' },
      ],
    },
    { path: ['given_name'], mandatory: true, sd: 'always', display: [{ name: 'Given name', locale: 'en' }] },
    { path: ['level'], display: [{ name: 'Level' }] },
    { path: ['sports'], mandatory: false },
    { path: ['sports', null] },
  ],
}) as SdJwtVcCredentialConfiguration;

describe('buildTypeMetadata (SD-JWT VC Section 6.2)', () => {
  it('describes the type and its claims from the configuration', () => {
    expect(buildTypeMetadata(membership)).toEqual({
      vct: `${ISSUER}/vct/membership`,
      name: 'Membership card',
      description: 'Proof of club membership',
      display: [
        {
          locale: 'en',
          name: 'Membership card',
          description: 'Proof of club membership',
          rendering: { simple: { logo: { uri: 'https://issuer.example.com/logo.png', alt_text: 'Club logo' }, background_color: '#12107c', text_color: '#ffffff' } },
        },
        { locale: 'de', name: 'Mitgliedsausweis' },
      ],
      claims: [
        {
          path: ['member_id'],
          display: [
            { locale: 'en', label: 'Member number', description: 'As printed on the card' },
            { locale: 'de', label: 'Mitgliedsnummer' },
          ],
          mandatory: true,
          sd: 'never',
        },
        { path: ['given_name'], display: [{ locale: 'en', label: 'Given name' }], mandatory: true, sd: 'always' },
        { path: ['level'], sd: 'always' },
        { path: ['sports'], mandatory: false, sd: 'always' },
        { path: ['sports', null], sd: 'always' },
      ],
    });
  });

  it('is a document an independent SD-JWT VC library accepts as type metadata', () => {
    const pid = loadCredentialConfigurations({ builtins: true, files: [] }).find((c) => c.id === 'eu.europa.ec.eudi.pid_vc_sd_jwt') as SdJwtVcCredentialConfiguration;
    for (const configuration of [membership, pid]) {
      const parsed = TypeMetadataFormatSchema.safeParse(JSON.parse(JSON.stringify(buildTypeMetadata(configuration))));
      expect(parsed.error).toBeUndefined();
    }
  });

  it('leaves out what the configuration does not say', () => {
    const bare = zCredentialConfiguration.parse({ id: 'bare', format: 'dc+sd-jwt', vct: 'urn:example:bare', scope: 'bare' }) as SdJwtVcCredentialConfiguration;
    expect(buildTypeMetadata(bare)).toEqual({ vct: 'urn:example:bare' });
  });

  it('says sd "always" exactly for the claims an issued credential discloses selectively (SD-JWT VC Section 9.4)', async () => {
    const issuerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const holder = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JWK;
    const { credential } = await issueSdJwtVc({
      configuration: membership,
      claims: { member_id: 'M-0042', given_name: 'Erika', level: 'gold', sports: ['tennis', 'chess'] },
      holderJwk: holder,
      issuer: ISSUER,
      signingKey: { kid: 'k1', alg: 'ES256', privateKey: issuerKey.privateKey, publicJwk: issuerKey.publicKey.export({ format: 'jwk' }) as JWK },
      now: 1_780_000_000,
    });
    const decoded = await new SDJwtVcInstance({ hasher: digest }).decode(credential);
    const disclosedNames = (decoded.disclosures ?? []).map((disclosure) => disclosure.key ?? `[${String(disclosure.value)}]`).sort();
    expect(disclosedNames).toEqual(['[chess]', '[tennis]', 'given_name', 'level', 'sports']);
    expect(decoded.jwt?.payload?.['member_id']).toBe('M-0042');
    expect(await decoded.getClaims(digest)).toMatchObject({ member_id: 'M-0042', sports: ['tennis', 'chess'] });
    const sd = Object.fromEntries((buildTypeMetadata(membership).claims ?? []).map((claim) => [JSON.stringify(claim.path), claim.sd]));
    expect(sd).toEqual({ '["member_id"]': 'never', '["given_name"]': 'always', '["level"]': 'always', '["sports"]': 'always', '["sports",null]': 'always' });
  });
});
