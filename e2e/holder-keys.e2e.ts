import { createPublicKey, ECDH } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createIssuerCertificates } from '@issuer/crypto';
import { base58 } from '@scure/base';
import { EBSI_TYPES, verifyJwtVcJson } from './interop/verify-jwt-vc-json.js';
import { expectIssuedPid } from './interop/verify-sd-jwt-vc.js';
import { expectProtocolError } from './support/expect-error.js';
import { createIssuance, eventually, getSession, pidClaims, preAuthorizedCodeOf, type SessionTimeline } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
// Binds to jwk, did:key and did:jwk (e2e/fixtures/credential-configurations.json).
const EBSI = 'CTWalletSameInTime';

async function walletWithToken(credentialConfigurationId: string) {
  const issuance = await createIssuance({ credentialConfigurationId, claims: credentialConfigurationId === PID ? pidClaims : { given_name: 'Erika' } });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  return { wallet, accessToken: token.body['access_token'] as string, sessionId: issuance.session_id };
}

const didJwk = (wallet: TestWallet) => `did:jwk:${Buffer.from(JSON.stringify(wallet.key.publicJwk)).toString('base64url')}#0`;

/** did:key of a P-256 key: multicodec p256-pub (0x1200) before the compressed point, base58btc. */
function didKey(wallet: TestWallet): string {
  const { x, y } = wallet.key.publicJwk as { x: string; y: string };
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(x, 'base64url'), Buffer.from(y, 'base64url')]);
  const compressed = ECDH.convertKey(point, 'prime256v1', undefined, undefined, 'compressed') as Buffer;
  const identifier = `did:key:z${base58.encode(Buffer.concat([Buffer.from([0x80, 0x24]), compressed]))}`;
  return `${identifier}#${identifier.slice('did:key:'.length)}`;
}

describe('holder keys of jwt key proofs (OID4VCI 1.0 Appendix F.1, Section 12.2.4)', () => {
  it('a key in the jwk header, and a leaf certificate in x5c: the SD-JWT VC is bound to that key', async () => {
    const { wallet, accessToken } = await walletWithToken(PID);
    const { x5c } = await createIssuerCertificates({ issuerUrl: 'https://wallet.example', publicKey: createPublicKey(wallet.key.privateKey) });
    for (const header of [{}, { jwk: undefined, x5c }]) {
      const result = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce(), { header })] } });
      expect(result.status).toBe(200);
      await expectIssuedPid((result.body['credentials'] as Array<{ credential: string }>)[0]!.credential, wallet.key);
    }
  });

  it.each([
    ['did:key', didKey],
    ['did:jwk', didJwk],
  ])('a kid that is a %s DID URL, for a configuration that lists that method: the jwt_vc_json credential names that DID and is bound to the key', async (_, did) => {
    const { wallet, accessToken } = await walletWithToken(EBSI);
    const kid = did(wallet);
    const result = await wallet.credential(accessToken, { credential_configuration_id: EBSI, proofs: { jwt: [wallet.proof(await wallet.nonce(), { header: { jwk: undefined, kid } })] } });
    expect(result.status).toBe(200);
    const { payload } = await verifyJwtVcJson((result.body['credentials'] as Array<{ credential: string }>)[0]!.credential);
    expect(payload['vc']).toMatchObject({ type: EBSI_TYPES });
    // VC Data Model 1.1 Section 6.3.1: the subject is the DID the wallet named its key by.
    expect(payload.sub).toBe(kid.split('#')[0]);
    expect((payload['cnf'] as { jwk: Record<string, unknown> }).jwk).toMatchObject({ kty: 'EC', crv: 'P-256', x: wallet.key.publicJwk['x'], y: wallet.key.publicJwk['y'] });
  });

  it('C11: a DID kid for a configuration that binds to jwk only is invalid_proof, with help to send jwk; an unresolvable DID too', async () => {
    const { wallet, accessToken, sessionId } = await walletWithToken(PID);
    for (const kid of [didKey(wallet), didJwk(wallet)]) {
      const refused = await wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce(), { header: { jwk: undefined, kid } })] } });
      await expectProtocolError(refused, 400, 'invalid_proof', sessionId);
    }
    const refusalsOf = (timeline: SessionTimeline | null) => (timeline?.entries ?? []).filter((entry) => entry.level === 'error' && entry.data?.['error'] === 'invalid_proof').map((entry) => entry.data);
    const refusals = refusalsOf(await eventually(() => getSession(sessionId), (timeline) => refusalsOf(timeline).length >= 2));
    expect(refusals).toEqual(
      ['did:key', 'did:jwk'].map((method) => ({
        error: 'invalid_proof',
        error_description: expect.any(String),
        status: 400,
        reason: `proofs.jwt[0] kid is a ${method} DID URL, but the credential configuration binds to jwk (cryptographic_binding_methods_supported), not to ${method}`,
        help: 'This credential configuration supports no DIDs: send the holder public key in the jwk header instead of kid',
        spec_ref: 'OID4VCI 1.0 Section 12.2.4',
        request_id: expect.any(String),
      })),
    );

    const ebsi = await walletWithToken(EBSI);
    const unresolvable = await ebsi.wallet.credential(ebsi.accessToken, {
      credential_configuration_id: EBSI,
      proofs: { jwt: [ebsi.wallet.proof(await ebsi.wallet.nonce(), { header: { jwk: undefined, kid: 'did:key:zNotAKey#0' } })] },
    });
    await expectProtocolError(unresolvable, 400, 'invalid_proof', ebsi.sessionId);
  });
});
