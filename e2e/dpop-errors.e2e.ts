import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createJwtProof, createWalletKey } from '@issuer/testing';
import { pushAuthorizationRequest } from './support/authorization.js';
import { expectProtocolError } from './support/expect-error.js';
import { startPlatform, type Mode, type PlatformUnderTest } from './support/global-setup.js';
import { adminApiKey, baseUrl, createIssuance, preAuthorizedCodeOf, timelineWith } from './support/issuer-api.js';
import { postWithHeaderLines } from './support/raw-request.js';
import { replicable, startReplica, type Replica } from './support/replica.js';
import { TestWallet, type HttpResult } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** A platform as a wallet sees it: the address requests reach and the public URL (PUBLIC_URL) proofs name. */
interface Server {
  address: string;
  publicUrl: string;
  adminApiKey: string;
}

/** Where a proof goes: the server, the endpoint, and at the credential endpoint the access token it accompanies. */
interface Target {
  server: Server;
  path: '/token' | '/credential';
  accessToken?: string;
}

type HeaderLines = Array<[string, string]>;
type ProofOverrides = { header?: Record<string, unknown>; payload?: Record<string, unknown> };
/** A case: the DPoP header lines a wallet sends to a target. */
type DpopCase = [name: string, lines: (wallet: TestWallet, target: Target) => HeaderLines];

const main = (): Server => ({ address: baseUrl(), publicUrl: baseUrl(), adminApiKey: adminApiKey() });
const now = () => Math.floor(Date.now() / 1000);

function proof(wallet: TestWallet, target: Target, overrides: ProofOverrides = {}): string {
  return wallet.dpop('POST', target.path, { accessToken: target.accessToken, header: overrides.header, payload: { htu: `${target.server.publicUrl}${target.path}`, ...overrides.payload } });
}

const dpop = (value: string): HeaderLines => [['DPoP', value]];
const altered = (overrides: (target: Target) => ProofOverrides) => (wallet: TestWallet, target: Target) => dpop(proof(wallet, target, overrides(target)));

/** The proof with another alg in its header, and what that alg would sign it with. */
function withAlg(jwt: string, alg: string, sign: (input: string) => string): string {
  const [header, payload] = jwt.split('.') as [string, string];
  const changed = Buffer.from(JSON.stringify({ ...(JSON.parse(Buffer.from(header, 'base64url').toString()) as object), alg })).toString('base64url');
  return `${changed}.${payload}.${sign(`${changed}.${payload}`)}`;
}

const twoDpopHeaders = (wallet: TestWallet, target: Target): HeaderLines => [['DPoP', proof(wallet, target)], ['DPoP', proof(wallet, target)]];

// RFC 9449 Section 4.3: each of these is refused, at the authorization server and at a resource server.
const refused: DpopCase[] = [
  ['D1: two DPoP headers', twoDpopHeaders],
  ['D2: not a JWT', () => dpop('not-a-jwt')],
  ...['typ', 'jwk'].map((name): DpopCase => [`D2: no ${name} header`, altered(() => ({ header: { [name]: undefined } }))]),
  ...['jti', 'htm', 'htu', 'iat'].map((name): DpopCase => [`D2: no ${name} claim`, altered(() => ({ payload: { [name]: undefined } }))]),
  ['D3: typ JWT', altered(() => ({ header: { typ: 'JWT' } }))],
  ['D4: alg none, unsigned', (wallet, target) => dpop(withAlg(proof(wallet, target), 'none', () => ''))],
  ['D4: alg HS256, a MAC keyed with the public key', (wallet, target) => dpop(withAlg(proof(wallet, target), 'HS256', (input) => createHmac('sha256', JSON.stringify(wallet.key.publicJwk)).update(input).digest('base64url')))],
  ['D4: alg removed', altered(() => ({ header: { alg: undefined } }))],
  ['D4: alg ES384 for an ES256 signature by a P-256 key', altered(() => ({ header: { alg: 'ES384' } }))],
  ['D5: a signature that does not verify with the jwk header', altered(() => ({ header: { jwk: createWalletKey().publicJwk } }))],
  ['D6: jwk with the private key (d)', (wallet, target) => dpop(proof(wallet, target, { header: { jwk: wallet.key.privateKey.export({ format: 'jwk' }) } }))],
  ['D6: jwk a symmetric key', altered(() => ({ header: { jwk: { kty: 'oct', k: Buffer.from('a shared secret of 32 bytes ....').toString('base64url') } } }))],
  ['D7: htm PUT', altered(() => ({ payload: { htm: 'PUT' } }))],
  ['D7: htu another endpoint of this server', altered((target) => ({ payload: { htu: `${target.server.publicUrl}/nonce` } }))],
  ['D7: htu the endpoint on another host', altered((target) => ({ payload: { htu: `https://other.example.com${target.path}` } }))],
  ['D10: iat an hour ahead', altered(() => ({ payload: { iat: now() + 3600 } }))],
  ['D10: iat an hour ago', altered(() => ({ payload: { iat: now() - 3600 } }))],
];

const accepted: DpopCase[] = [
  ['D10: iat 10 s ahead', altered(() => ({ payload: { iat: now() + 10 } }))],
  ['D10: iat 10 s ago', altered(() => ({ payload: { iat: now() - 10 } }))],
  ['D17: unknown claims and header parameters', altered(() => ({ header: { kid: 'wallet-key-1', extra_header: 'x' }, payload: { extra_claim: 'x', nested: { list: [1, 2] } } }))],
  ['D17: the header named DPOP', (wallet, target) => [['DPOP', proof(wallet, target)]]],
];

async function atTokenEndpoint(server: Server, wallet: TestWallet, lines: DpopCase[1], address = server.address) {
  const issuance = await createIssuance({}, { baseUrl: server.address, adminApiKey: server.adminApiKey });
  const form = new URLSearchParams({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) }).toString();
  const headers: HeaderLines = [['content-type', 'application/x-www-form-urlencoded'], ...lines(wallet, { server, path: '/token' })];
  return { sessionId: issuance.session_id, result: await postWithHeaderLines(`${address}/token`, headers, form) };
}

async function boundToken(server: Server) {
  const wallet = new TestWallet();
  const token = await atTokenEndpoint(server, wallet, (holder, target) => dpop(proof(holder, target)));
  expect(token.result.status).toBe(200);
  return { wallet, accessToken: token.result.body['access_token'] as string, sessionId: token.sessionId };
}

/** A complete credential request under a fresh DPoP-bound access token, so that only the DPoP lines can be wrong. */
async function atCredentialEndpoint(server: Server, lines: DpopCase[1]) {
  const { wallet, accessToken, sessionId } = await boundToken(server);
  return { sessionId, result: await credentialRequest(server, wallet, accessToken, lines(wallet, { server, path: '/credential', accessToken })) };
}

async function credentialRequest(server: Server, wallet: TestWallet, accessToken: string, dpopLines: HeaderLines, address = server.address): Promise<HttpResult> {
  const nonce = ((await (await fetch(`${server.address}/nonce`, { method: 'POST' })).json()) as { c_nonce: string }).c_nonce;
  const body = JSON.stringify({ credential_configuration_id: PID, proofs: { jwt: [createJwtProof({ key: wallet.key, aud: server.publicUrl, nonce })] } });
  return postWithHeaderLines(`${address}/credential`, [['content-type', 'application/json'], ['authorization', `DPoP ${accessToken}`], ...dpopLines], body);
}

async function expectResourceServerRefusal(result: HttpResult, sessionId?: string): Promise<void> {
  await expectProtocolError(result, 401, 'invalid_dpop_proof', sessionId);
  // RFC 9449 Section 7.1: the challenge names the DPoP scheme and the error.
  expect(result.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_dpop_proof"/);
}

function expectIssued(result: HttpResult): void {
  expect(result.status).toBe(200);
  expect(result.body['credentials']).toHaveLength(1);
}

describe('DPoP at the token endpoint: authorization server rules, 400 (NEGATIVE-TESTS D1-D11, D17)', () => {
  it.each(refused)('%s: invalid_dpop_proof, on the timeline of the offer\'s session', async (_, lines) => {
    const { result, sessionId } = await atTokenEndpoint(main(), new TestWallet(), lines);
    await expectProtocolError(result, 400, 'invalid_dpop_proof', sessionId);
  });

  it.each(accepted)('%s: accepted', async (_, lines) => {
    const { result } = await atTokenEndpoint(main(), new TestWallet(), lines);
    expect({ status: result.status, token_type: result.body['token_type'] }).toEqual({ status: 200, token_type: 'DPoP' });
  });

  it('D11: a proof replayed with the same jti', async () => {
    const wallet = new TestWallet();
    const replayed = dpop(proof(wallet, { server: main(), path: '/token' }));
    expect((await atTokenEndpoint(main(), wallet, () => replayed)).result.status).toBe(200);
    const second = await atTokenEndpoint(main(), wallet, () => replayed);
    await expectProtocolError(second.result, 400, 'invalid_dpop_proof', second.sessionId);
  });

  it('D11: a proof replayed at the pushed authorization request endpoint', async () => {
    const replayed = new TestWallet().dpop('POST', '/par');
    expect((await pushAuthorizationRequest({ parameters: { scope: PID }, headers: { dpop: replayed } })).result.status).toBe(201);
    await expectProtocolError((await pushAuthorizationRequest({ parameters: { scope: PID }, headers: { dpop: replayed } })).result, 400, 'invalid_dpop_proof');
  });
});

describe('DPoP at the credential endpoint: resource server rules, 401 with a DPoP challenge (NEGATIVE-TESTS D1-D17)', () => {
  it.each(refused)('%s: invalid_dpop_proof', async (_, lines) => {
    const { result, sessionId } = await atCredentialEndpoint(main(), lines);
    await expectResourceServerRefusal(result, sessionId);
  });

  it.each(accepted)('%s: accepted', async (_, lines) => {
    expectIssued((await atCredentialEndpoint(main(), lines)).result);
  });

  it('D1: the timeline says two DPoP headers came, as sent', async () => {
    const { sessionId } = await atCredentialEndpoint(main(), twoDpopHeaders);
    const timeline = await timelineWith(sessionId, (entry) => entry.data?.['error'] === 'invalid_dpop_proof');
    expect(timeline.entries.find((entry) => entry.data?.['error'] === 'invalid_dpop_proof')?.data?.['reason']).toBe('2 DPoP headers were sent');
  });

  it('D11: a proof replayed with the same jti', async () => {
    const { wallet, accessToken, sessionId } = await boundToken(main());
    const replayed = dpop(proof(wallet, { server: main(), path: '/credential', accessToken }));
    expectIssued(await credentialRequest(main(), wallet, accessToken, replayed));
    await expectResourceServerRefusal(await credentialRequest(main(), wallet, accessToken, replayed), sessionId);
  });

  it('D13: ath does not match the access token', async () => {
    const { result, sessionId } = await atCredentialEndpoint(main(), (wallet, target) => dpop(proof(wallet, { ...target, accessToken: `${target.accessToken}x` })));
    await expectResourceServerRefusal(result, sessionId);
  });

  it('D14: a proof signed by another key than the token is bound to', async () => {
    const { result, sessionId } = await atCredentialEndpoint(main(), (_, target) => dpop(proof(new TestWallet(), target)));
    await expectResourceServerRefusal(result, sessionId);
  });

  it('D15: a DPoP-bound token sent as Bearer', async () => {
    const { wallet, accessToken } = await boundToken(main());
    const result = await wallet.credential(accessToken, { credential_configuration_id: PID }, { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' });
    await expectProtocolError(result, 401, 'invalid_token');
    expect(result.headers.get('www-authenticate')).toContain('DPoP error="invalid_token"');
  });

  it('D16: Bearer with a DPoP header', async () => {
    const { wallet, accessToken } = await boundToken(main());
    const dpopProof = wallet.dpop('POST', '/credential', { accessToken });
    const result = await wallet.credential(accessToken, { credential_configuration_id: PID }, { authorization: `Bearer ${accessToken}`, dpop: dpopProof, 'content-type': 'application/json' });
    await expectProtocolError(result, 400, 'invalid_request');
  });
});

describe('DPoP at the deferred credential and notification endpoints: the same resource server rules (NEGATIVE-TESTS D7, D11)', () => {
  it.each([
    ['/deferred_credential', { transaction_id: 'unknown' }, 'invalid_transaction_id'],
    ['/notification', { notification_id: 'unknown', event: 'credential_accepted' }, 'invalid_notification_id'],
  ])('D7/D11 at %s: a proof for the credential endpoint is refused; its own proof passes once, then is a replay', async (path, body, bodyError) => {
    const { wallet, accessToken, sessionId } = await boundToken(main());
    const post = (lines: HeaderLines) => postWithHeaderLines(`${baseUrl()}${path}`, [['content-type', 'application/json'], ['authorization', `DPoP ${accessToken}`], ...lines], JSON.stringify(body));
    await expectResourceServerRefusal(await post(dpop(wallet.dpop('POST', '/credential', { accessToken }))), sessionId);
    const once = dpop(wallet.dpop('POST', path, { accessToken }));
    // The proof passes; the unknown identifier in the body is what is refused.
    await expectProtocolError(await post(once), 400, bodyError);
    await expectResourceServerRefusal(await post(once), sessionId);
  });
});

/**
 * An issuer behind an ingress: PUBLIC_URL (https, default port) is what wallets call and name in
 * htu; the platform itself listens on an internal address.
 */
describe('DPoP behind an ingress (NEGATIVE-TESTS D8, D9)', () => {
  const publicUrl = 'https://issuer.example.com';
  let platform: PlatformUnderTest;
  const ingress = (): Server => ({ address: platform.baseUrl, publicUrl, adminApiKey: platform.adminApiKey });

  beforeAll(async () => {
    const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
    platform = await startPlatform(mode, Number(new URL(baseUrl()).port) + 60, { PUBLIC_URL: publicUrl });
  }, 90_000);

  afterAll(async () => {
    await platform?.stop();
  });

  // RFC 9449 Section 4.3 check 9 with RFC 3986 Section 6.2 normalisation.
  const normalised: DpopCase[] = [
    ['D9: htu the public URL', altered(() => ({}))],
    ['D8: htu with a query and a fragment', altered((target) => ({ payload: { htu: `${publicUrl}${target.path}?query=1#fragment` } }))],
    ['D8: htu with scheme and host upper-case', altered((target) => ({ payload: { htu: `HTTPS://ISSUER.EXAMPLE.COM${target.path}` } }))],
    ['D8: htu with the default port', altered((target) => ({ payload: { htu: `https://issuer.example.com:443${target.path}` } }))],
  ];
  const internal = altered((target) => ({ payload: { htu: `${platform.baseUrl}${target.path}` } }));

  it.each(normalised)('token endpoint, %s: accepted', async (_, lines) => {
    expect((await atTokenEndpoint(ingress(), new TestWallet(), lines)).result.status).toBe(200);
  });

  it.each(normalised)('credential endpoint, %s: accepted', async (_, lines) => {
    expectIssued((await atCredentialEndpoint(ingress(), lines)).result);
  });

  it('D9: token endpoint, htu the internal URL the request reached: invalid_dpop_proof', async () => {
    await expectProtocolError((await atTokenEndpoint(ingress(), new TestWallet(), internal)).result, 400, 'invalid_dpop_proof');
  });

  it('D9: credential endpoint, htu the internal URL the request reached: invalid_dpop_proof', async () => {
    // This platform's timeline is not the suite's: the wire answer only.
    await expectResourceServerRefusal((await atCredentialEndpoint(ingress(), internal)).result);
  });
});

// Replicas share one database; an embedded platform is one process, so this runs in the distributed mode only.
if (replicable()) {
  describe('DPoP replay across replicas of a service (NEGATIVE-TESTS D11)', () => {
    let replicas: Record<'auth' | 'credential', Replica>;

    beforeAll(async () => {
      const port = Number(new URL(baseUrl()).port) + 70;
      replicas = { auth: await startReplica('auth-service', port), credential: await startReplica('credential-service', port + 1) };
    }, 60_000);

    afterAll(async () => {
      await Promise.all(Object.values(replicas ?? {}).map((replica) => replica.stop()));
    });

    it('D11: a token request proof used at one auth-service replica is refused by another', async () => {
      const wallet = new TestWallet();
      const replayed = dpop(proof(wallet, { server: main(), path: '/token' }));
      expect((await atTokenEndpoint(main(), wallet, () => replayed)).result.status).toBe(200);
      const second = await atTokenEndpoint(main(), wallet, () => replayed, replicas.auth.url);
      await expectProtocolError(second.result, 400, 'invalid_dpop_proof', second.sessionId);
    });

    it('D11: a credential request proof used at one credential-service replica is refused by another', async () => {
      const { wallet, accessToken, sessionId } = await boundToken(main());
      const replayed = dpop(proof(wallet, { server: main(), path: '/credential', accessToken }));
      expectIssued(await credentialRequest(main(), wallet, accessToken, replayed));
      await expectResourceServerRefusal(await credentialRequest(main(), wallet, accessToken, replayed, replicas.credential.url), sessionId);
    });
  });
}
