import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ecJwkThumbprint, type WalletKey } from '@issuer/testing';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { HttpClient } from './http-client.js';
import type { CredentialVerifier } from './wallet-flow.js';

interface JwtVcIssuerMetadata {
  issuer: string;
  jwks: { keys: Array<JsonWebKey & { kid?: string }> };
}

export class VerificationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies an SD-JWT VC as a verifier would (SD-JWT VC Section 3.5): the issuer's keys come once from
 * `/.well-known/jwt-vc-issuer` (Section 4), the signature is checked and disclosures resolved with
 * @sd-jwt/sd-jwt-vc, then the issuer, the holder binding to the wallet's key and the claims the
 * operator gave are compared.
 */
export async function createSdJwtVcVerifier(http: HttpClient, credentialIssuer: string, expectedClaims: Record<string, unknown>): Promise<CredentialVerifier> {
  const response = await http.send('GET', `${credentialIssuer}/.well-known/jwt-vc-issuer`, { accept: 'application/json' });
  if (response.status !== 200) throw new Error(`GET /.well-known/jwt-vc-issuer answered ${response.status}`);
  const metadata = JSON.parse(response.body) as JwtVcIssuerMetadata;
  if (metadata.issuer !== credentialIssuer) throw new Error(`jwt-vc-issuer names ${metadata.issuer}, not ${credentialIssuer}`);
  const keys = new Map<string | undefined, KeyObject>(metadata.jwks.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
  const firstKey = keys.values().next().value;
  if (firstKey === undefined) throw new Error('jwt-vc-issuer metadata lists no keys');

  return async (credential: string, wallet: WalletKey) => {
    const kid = protectedHeader(credential).kid;
    const publicKey = (kid === undefined ? firstKey : keys.get(kid)) ?? fail('unknown_kid', `no issuer key with kid ${kid}`);
    const instance = new SDJwtVcInstance({
      hasher: digest,
      hashAlg: 'sha-256',
      // RFC 7518 Section 3.4: ES256 signatures are R || S.
      verifier: (data: string, signature: string) => verify('sha256', Buffer.from(data), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
    });
    let payload: Record<string, unknown>;
    try {
      payload = (await instance.verify(credential)).payload as Record<string, unknown>;
    } catch (error) {
      fail('invalid', (error as Error).message);
    }
    if (payload['iss'] !== credentialIssuer) fail('wrong_iss', `iss is ${String(payload['iss'])}`);
    const cnf = payload['cnf'] as { jwk?: Record<string, unknown> } | undefined;
    if (!cnf?.jwk || ecJwkThumbprint(cnf.jwk) !== wallet.jkt) fail('wrong_cnf', 'cnf.jwk is not the wallet key');
    for (const [name, value] of Object.entries(expectedClaims)) {
      if (!isDeepStrictEqual(payload[name], value)) fail('wrong_claim', `claim ${name} is ${JSON.stringify(payload[name])}`);
    }
  };
}

function fail(code: string, message: string): never {
  throw new VerificationError(code, message);
}

function protectedHeader(compact: string): { kid?: string } {
  const [header] = compact.split('.');
  try {
    return JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { kid?: string };
  } catch {
    fail('malformed', 'the issuer-signed JWT header is not JSON');
  }
}
