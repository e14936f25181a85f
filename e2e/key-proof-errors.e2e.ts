import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createIssuerCertificates, signJwt } from '@issuer/crypto';
import { expectProtocolError } from './support/expect-error.js';
import { createIssuance, eventually, getSession, pidClaims, preAuthorizedCodeOf, type SessionTimeline } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const ATTESTED = 'pid_key_attested';
const ATTESTATION_PROOF = 'pid_attestation_proof';
const USER_AUTHENTICATED = 'pid_user_authenticated';

interface Session {
  wallet: TestWallet;
  accessToken: string;
  sessionId: string;
}

async function session(credentialConfigurationId = PID, tokenForm: Record<string, string> = {}): Promise<Session> {
  const issuance = await createIssuance({ credentialConfigurationId, claims: pidClaims });
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance), ...tokenForm });
  expect(token.status).toBe(200);
  return { wallet, accessToken: token.body['access_token'] as string, sessionId: issuance.session_id };
}

/** Sends one key proof, expects the error (invalid_proof by default), and returns the reason its new timeline entry gives. */
async function refusedProof(current: Session, proofs: Record<string, unknown>, credentialConfigurationId = PID, error = 'invalid_proof'): Promise<string> {
  const isThisError = (entry: SessionTimeline['entries'][number]) => entry.level === 'error' && entry.data?.['error'] === error;
  const before = (await getSession(current.sessionId))?.entries.filter(isThisError).length ?? 0;
  const result = await current.wallet.credential(current.accessToken, { credential_configuration_id: credentialConfigurationId, proofs });
  await expectProtocolError(result, 400, error, current.sessionId);
  const timeline = await eventually(
    () => getSession(current.sessionId),
    (found) => (found?.entries.filter(isThisError).length ?? 0) > before,
  );
  return String(timeline?.entries.filter(isThisError).at(-1)?.data?.['reason']);
}

function segment(part: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}

function proofPayload(current: Session, nonce: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(current.wallet.proof(nonce).split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const walletProvider = (): { privateKeyPem: string; x5c: string[] } =>
  JSON.parse(readFileSync(process.env['E2E_WALLET_PROVIDER'] as string, 'utf8')) as { privateKeyPem: string; x5c: string[] };

interface AttestationOptions {
  keys: object[];
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  signer?: { privateKeyPem: string; x5c: string[] };
}

/** A key attestation (OID4VCI 1.0 Appendix D.1), by default from the Wallet Provider the platform trusts. */
function keyAttestation(options: AttestationOptions): string {
  const signer = options.signer ?? walletProvider();
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      header: { typ: 'key-attestation+jwt', alg: 'ES256', x5c: signer.x5c, ...options.header },
      payload: { iat: now, exp: now + 600, attested_keys: options.keys, key_storage: ['iso_18045_high'], ...options.payload },
    },
    { privateKey: createPrivateKey(signer.privateKeyPem) },
  );
}

function withoutClaim(claim: string): Record<string, unknown> {
  return { [claim]: undefined };
}

describe('jwt key proofs (NEGATIVE-TESTS C9, C10, C12)', () => {
  it('C9: alg none, HS256 keyed with the public key, and an alg outside proof_signing_alg_values_supported', async () => {
    const current = await session();
    const none = `${segment({ typ: 'openid4vci-proof+jwt', alg: 'none', jwk: current.wallet.key.publicJwk })}.${segment(proofPayload(current, await current.wallet.nonce()))}.`;
    expect(await refusedProof(current, { jwt: [none] })).toMatch(/alg/);

    const hmacInput = `${segment({ typ: 'openid4vci-proof+jwt', alg: 'HS256', jwk: current.wallet.key.publicJwk })}.${segment(proofPayload(current, await current.wallet.nonce()))}`;
    const hmac = createHmac('sha256', JSON.stringify(current.wallet.key.publicJwk)).update(hmacInput).digest('base64url');
    expect(await refusedProof(current, { jwt: [`${hmacInput}.${hmac}`] })).toMatch(/alg/);

    const es384 = current.wallet.proof(await current.wallet.nonce(), { header: { alg: 'ES384' } });
    expect(await refusedProof(current, { jwt: [es384] })).toMatch(/ES384/);
  });

  it('C10: jwk with kid, jwk with x5c, and a private key in jwk', async () => {
    const current = await session();
    const withKid = current.wallet.proof(await current.wallet.nonce(), { header: { kid: 'did:example:123#1' } });
    expect(await refusedProof(current, { jwt: [withKid] })).toMatch(/kid/);

    const { x5c } = await createIssuerCertificates({ issuerUrl: 'https://wallet.example', publicKey: createPublicKey(current.wallet.key.privateKey) });
    const withX5c = current.wallet.proof(await current.wallet.nonce(), { header: { x5c } });
    expect(await refusedProof(current, { jwt: [withX5c] })).toMatch(/x5c/);

    const privateJwk = current.wallet.key.privateKey.export({ format: 'jwk' });
    const withPrivate = current.wallet.proof(await current.wallet.nonce(), { header: { jwk: privateJwk } });
    expect(await refusedProof(current, { jwt: [withPrivate] })).toMatch(/private/);
  });

  it('C12: aud not a string, iss with anonymous access, iss other than the client_id, iat missing or far in the future', async () => {
    const anonymous = await session();
    const { wallet } = anonymous;
    const audArray = wallet.proof(await wallet.nonce(), { payload: { aud: [process.env['E2E_BASE_URL']] } });
    expect(await refusedProof(anonymous, { jwt: [audArray] })).toMatch(/aud/);
    const issAnonymous = wallet.proof(await wallet.nonce(), { payload: { iss: 'wallet-client' } });
    expect(await refusedProof(anonymous, { jwt: [issAnonymous] })).toMatch(/anonymous/);
    const noIat = wallet.proof(await wallet.nonce(), { payload: withoutClaim('iat') });
    expect(await refusedProof(anonymous, { jwt: [noIat] })).toMatch(/iat is missing/);
    const future = wallet.proof(await wallet.nonce(), { payload: { iat: Math.floor(Date.now() / 1000) + 3600 } });
    expect(await refusedProof(anonymous, { jwt: [future] })).toMatch(/future/);

    const client = await session(PID, { client_id: 'wallet-client' });
    const otherIss = client.wallet.proof(await client.wallet.nonce(), { payload: { iss: 'another-client' } });
    expect(await refusedProof(client, { jwt: [otherIss] })).toMatch(/client_id/);
    const ownIss = client.wallet.proof(await client.wallet.nonce(), { payload: { iss: 'wallet-client' } });
    const accepted = await client.wallet.credential(client.accessToken, { credential_configuration_id: PID, proofs: { jwt: [ownIss] } });
    expect(accepted.status).toBe(200);
  });
});

describe('key attestations (NEGATIVE-TESTS C14, C15)', () => {
  const attested = (current: Session, attestation: string, nonce: string) =>
    current.wallet.proof(nonce, { header: { key_attestation: attestation } });

  it('C14: a key attestation with a bad signature, the wrong typ, no exp, no iat, or an untrusted issuer', async () => {
    const current = await session(ATTESTED);
    const keys = [current.wallet.key.publicJwk];
    const [header, payload] = keyAttestation({ keys }).split('.');
    const [, , otherSignature] = keyAttestation({ keys, payload: { key_storage: ['iso_18045_moderate'] } }).split('.');
    const cases: Array<[string, RegExp]> = [
      [`${header}.${payload}.${otherSignature}`, /signature/],
      [keyAttestation({ keys, header: { typ: 'JWT' } }), /typ/],
      [keyAttestation({ keys, payload: withoutClaim('exp') }), /exp/],
      [keyAttestation({ keys, payload: withoutClaim('iat') }), /iat/],
      [keyAttestation({ keys, signer: await untrustedWalletProvider() }), /trust/],
    ];
    for (const [attestation, reason] of cases) {
      expect(await refusedProof(current, { jwt: [attested(current, attestation, await current.wallet.nonce())] }, ATTESTED)).toMatch(reason);
    }
  });

  it('C14: a proof key that the attestation does not list', async () => {
    const current = await session(ATTESTED);
    const attestation = keyAttestation({ keys: [new TestWallet().key.publicJwk] });
    expect(await refusedProof(current, { jwt: [attested(current, attestation, await current.wallet.nonce())] }, ATTESTED)).toMatch(/does not attest/);
  });

  it('C14: a key attestation whose user_authentication is missing or below key_attestations_required', async () => {
    const current = await session(USER_AUTHENTICATED);
    const keys = [current.wallet.key.publicJwk];
    for (const userAuthentication of [undefined, ['iso_18045_basic']]) {
      const attestation = keyAttestation({ keys, payload: { user_authentication: userAuthentication } });
      expect(await refusedProof(current, { jwt: [attested(current, attestation, await current.wallet.nonce())] }, USER_AUTHENTICATED)).toMatch(
        /meets none of key_attestations_required\.user_authentication/,
      );
    }
    const strong = keyAttestation({ keys, payload: { user_authentication: ['iso_18045_moderate'] } });
    const accepted = await current.wallet.credential(current.accessToken, { credential_configuration_id: USER_AUTHENTICATED, proofs: { jwt: [attested(current, strong, await current.wallet.nonce())] } });
    expect(accepted.status).toBe(200);
  });

  it('C15: the attestation proof type with no attested keys, a private or symmetric key, or no nonce', async () => {
    const current = await session(ATTESTATION_PROOF);
    const nonce = await current.wallet.nonce();
    const privateJwk = current.wallet.key.privateKey.export({ format: 'jwk' });
    const cases: Array<[string, RegExp]> = [
      [keyAttestation({ keys: [], payload: { nonce } }), /attested_keys/],
      [keyAttestation({ keys: [privateJwk], payload: { nonce } }), /private/],
      [keyAttestation({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }], payload: { nonce } }), /attested_keys|kty/],
      [keyAttestation({ keys: [current.wallet.key.publicJwk] }), /nonce/],
    ];
    for (const [attestation, reason] of cases) {
      expect(await refusedProof(current, { attestation: [attestation] }, ATTESTATION_PROOF)).toMatch(reason);
    }
  });
});

describe('credential request shape (NEGATIVE-TESTS C17, C20)', () => {
  it('C17: two proof types in one request is invalid_credential_request', async () => {
    const current = await session();
    const nonce = await current.wallet.nonce();
    const proofs = { jwt: [current.wallet.proof(nonce)], attestation: [keyAttestation({ keys: [current.wallet.key.publicJwk], payload: { nonce } })] };
    expect(await refusedProof(current, proofs, PID, 'invalid_credential_request')).toMatch(/exactly one/);
  });

  it('C17: unknown parameters are ignored as OID4VCI 1.0 Section 8.2 requires, and the timeline names them', async () => {
    const current = await session();
    const proofs = { jwt: [current.wallet.proof(await current.wallet.nonce())] };
    const result = await current.wallet.credential(current.accessToken, { credential_configuration_id: PID, proofs, credential_format_hint: 'sd-jwt' });
    expect(result.status).toBe(200);
    const timeline = await eventually(
      () => getSession(current.sessionId),
      (found) => Boolean(found?.entries.some((entry) => entry.message === 'Unrecognised parameters ignored')),
    );
    const warning = timeline?.entries.find((entry) => entry.message === 'Unrecognised parameters ignored');
    expect(warning).toMatchObject({ level: 'warn', data: { parameters: ['credential_format_hint'] } });
  });

  it('C20: a configuration the access token does not cover is credential_request_denied', async () => {
    const current = await session();
    const proofs = { jwt: [current.wallet.proof(await current.wallet.nonce())] };
    expect(await refusedProof(current, proofs, 'CTWalletSameInTime', 'credential_request_denied')).toMatch(/CTWalletSameInTime/);
  });
});

/** A Wallet Provider with a valid chain of its own that the platform was not told to trust. */
async function untrustedWalletProvider(): Promise<{ privateKeyPem: string; x5c: string[] }> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificates = await createIssuerCertificates({ issuerUrl: 'https://untrusted-wallet-provider.example', publicKey });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, x5c: certificates.x5c };
}
