import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { expect } from '@jest/globals';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type VcTFetcher, type VerificationResult } from '@sd-jwt/sd-jwt-vc';
import { baseUrl, pidClaims } from '../support/issuer-api.js';
import { jwkThumbprint, type WalletKey } from './wallet-key.js';

interface JwtVcIssuerMetadata {
  issuer: string;
  jwks: { keys: Array<JsonWebKey & { kid?: string }> };
}

export interface VerifiedSdJwtVc extends VerificationResult {
  issuerMetadata: JwtVcIssuerMetadata;
}

/**
 * Verifies an issued SD-JWT VC the way a verifier would (SD-JWT VC Section 5): the issuer's keys come from
 * `/.well-known/jwt-vc-issuer`, the signature is checked with node:crypto, and disclosures are resolved.
 * With `vctFetcher`, the library also loads the type metadata of the vct (SD-JWT VC Section 6.3) through it.
 */
export async function verifySdJwtVc(credential: string, vctFetcher?: VcTFetcher): Promise<VerifiedSdJwtVc> {
  const response = await fetch(`${baseUrl()}/.well-known/jwt-vc-issuer`);
  if (!response.ok) throw new Error(`GET /.well-known/jwt-vc-issuer answered ${response.status}`);
  const issuerMetadata = (await response.json()) as JwtVcIssuerMetadata;
  const kid = protectedHeader(credential).kid;
  const jwk = issuerMetadata.jwks.keys.find((key) => kid === undefined || key.kid === kid) ?? issuerMetadata.jwks.keys[0];
  if (!jwk) throw new Error('jwt-vc-issuer metadata lists no keys');
  const publicKey = createPublicKey({ key: jwk, format: 'jwk' });

  const sdJwtVc = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    verifier: (data: string, signature: string) =>
      verify('sha256', Buffer.from(data), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
    ...(vctFetcher && { loadTypeMetadataFormat: true, vctFetcher }),
  });
  return { ...(await sdJwtVc.verify(credential)), issuerMetadata };
}

function protectedHeader(compact: string): { kid?: string } {
  const [header] = compact.split('.');
  return JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { kid?: string };
}

/** The PID the suites issue, checked after verification: type, issuer, every disclosed claim, and holder binding. */
export async function expectIssuedPid(credential: string, holderKey: WalletKey | { jkt: string }): Promise<void> {
  const { payload, header, issuerMetadata } = await verifySdJwtVc(credential);
  expect(header?.['typ']).toBe('dc+sd-jwt');
  expect(issuerMetadata.issuer).toBe(baseUrl());
  expect(payload.iss).toBe(issuerMetadata.issuer);
  expect(payload.vct).toBe('urn:eudi:pid:1');
  expect(payload).toMatchObject(pidClaims);
  const cnf = payload.cnf as { jwk?: Record<string, unknown> } | undefined;
  expect(cnf?.jwk).toBeDefined();
  expect(await jwkThumbprint(cnf!.jwk!)).toBe('jkt' in holderKey ? holderKey.jkt : await holderKey.thumbprint());
}
