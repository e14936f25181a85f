import { describe, expect, it } from '@jest/globals';
import { compactVerify, importJWK } from 'jose';
import { createClientAttestation, createClientAttestationPop } from './create-client-attestation.js';
import { createWalletKey } from './wallet-key.js';

const provider = createWalletKey();
const instance = createWalletKey();

async function verify(jwt: string, key = instance) {
  const { payload, protectedHeader } = await compactVerify(jwt, await importJWK(key.publicJwk, 'ES256'));
  return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
}

describe('createClientAttestation (OID4VCI 1.0 Appendix E)', () => {
  it('signs a Wallet Attestation that jose verifies with the provider key, binding the instance key', async () => {
    const attestation = createClientAttestation({ provider: { privateKey: provider.privateKey, x5c: ['MIIB'] }, instance, clientId: 'https://wallet.example.org', iat: 1_780_000_000 });
    const { header, payload } = await verify(attestation, provider);
    expect(header).toEqual({ typ: 'oauth-client-attestation+jwt', alg: 'ES256', x5c: ['MIIB'] });
    expect(payload).toMatchObject({ sub: 'https://wallet.example.org', iat: 1_780_000_000, exp: 1_780_086_400, cnf: { jwk: instance.publicJwk } });
  });

  it('replaces and removes members for negative tests', async () => {
    const attestation = createClientAttestation({ provider: { privateKey: provider.privateKey, x5c: [] }, instance, clientId: 'c', overrides: { header: { x5c: undefined }, payload: { sub: undefined, exp: 1 } } });
    const { header, payload } = await verify(attestation, provider);
    expect(header).not.toHaveProperty('x5c');
    expect(payload).not.toHaveProperty('sub');
    expect(payload.exp).toBe(1);
  });
});

describe('createClientAttestationPop (draft-ietf-oauth-attestation-based-client-auth-07 Section 5.2)', () => {
  it('signs a PoP with the instance key, with a unique jti and the challenge when given', async () => {
    const pop = createClientAttestationPop({ instance, clientId: 'https://wallet.example.org', aud: 'https://issuer.example.com', challenge: 'ch-1', iat: 1_780_000_000 });
    const { header, payload } = await verify(pop);
    expect(header).toEqual({ typ: 'oauth-client-attestation-pop+jwt', alg: 'ES256' });
    expect(payload).toMatchObject({ iss: 'https://wallet.example.org', aud: 'https://issuer.example.com', iat: 1_780_000_000, challenge: 'ch-1' });
    const other = await verify(createClientAttestationPop({ instance, clientId: 'c', aud: 'a' }));
    expect(other.payload.jti).not.toBe(payload.jti);
    expect(other.payload).not.toHaveProperty('challenge');
  });
});
