import { describe, expect, it } from '@jest/globals';
import { compactVerify, importJWK } from 'jose';
import { createJwtProof } from './create-jwt-proof.js';
import { createWalletKey } from './wallet-key.js';

const key = createWalletKey();

async function verify(jwt: string) {
  const { payload, protectedHeader } = await compactVerify(jwt, await importJWK(key.publicJwk, 'ES256'));
  return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
}

describe('createJwtProof (OID4VCI 1.0 Appendix F.1)', () => {
  it('signs a key proof that jose verifies, typed and carrying the jwk', async () => {
    const proof = createJwtProof({ key, aud: 'https://issuer.example.com', nonce: 'c-nonce', iat: 1_780_000_000 });
    const { header, payload } = await verify(proof);
    expect(header).toEqual({ typ: 'openid4vci-proof+jwt', alg: 'ES256', jwk: key.publicJwk });
    expect(payload).toEqual({ aud: 'https://issuer.example.com', iat: 1_780_000_000, nonce: 'c-nonce' });
  });

  it('adds iss for a client and leaves out nonce when none is given', async () => {
    const { payload } = await verify(createJwtProof({ key, aud: 'https://issuer.example.com', iss: 'wallet-client' }));
    expect(payload.iss).toBe('wallet-client');
    expect(payload).not.toHaveProperty('nonce');
    expect(typeof payload.iat).toBe('number');
  });

  it('writes the typ and alg a negative test asks for', async () => {
    const { header } = await verify(createJwtProof({ key, aud: 'a', typ: 'JWT' }));
    expect(header.typ).toBe('JWT');
    const lying = createJwtProof({ key, aud: 'a', alg: 'ES384' });
    await expect(compactVerify(lying, await importJWK(key.publicJwk, 'ES256'))).rejects.toThrow();
  });

  it('replaces and removes members for negative tests', async () => {
    const { header, payload } = await verify(
      createJwtProof({ key, aud: 'a', headerOverrides: { kid: 'did:example:123#1', jwk: undefined }, payloadOverrides: { aud: ['a', 'b'], iat: undefined } }),
    );
    expect(header).toEqual({ typ: 'openid4vci-proof+jwt', alg: 'ES256', kid: 'did:example:123#1' });
    expect(payload).toEqual({ aud: ['a', 'b'] });
  });
});
