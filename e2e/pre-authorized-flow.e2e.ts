import { randomBytes, X509Certificate } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { baseUrl, createIssuance, eventually, getIssuance, getSession, preAuthorizedCodeOf, timelineWith, trustAnchors } from './support/issuer-api.js';
import { TestWallet, send } from './support/wallet.js';

const configurationId = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

describe('pre-authorized code flow, dc+sd-jwt, OID4VCI 1.0', () => {
  it('issues a PID to a DPoP wallet with tx_code and records the whole session', async () => {
    const issuance = await createIssuance({ txCode: true });
    expect(issuance.offer_url).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(issuance.tx_code).toMatch(/^\d{6}$/);

    const offer = await send(new URL(issuance.credential_offer_uri).pathname, { method: 'GET' });
    expect(offer.status).toBe(200);
    expect(offer.headers.get('cache-control')).toBe('no-store');
    expect(offer.body['credential_configuration_ids']).toEqual([configurationId]);

    const wallet = new TestWallet();
    const token = await wallet.token({
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': preAuthorizedCodeOf(issuance),
      tx_code: issuance.tx_code as string,
    });
    expect(token.status).toBe(200);
    expect(token.body['token_type']).toBe('DPoP');
    const accessToken = token.body['access_token'] as string;

    const nonce = await wallet.nonce();
    const credential = await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce)] } });
    expect(credential.status).toBe(200);
    const credentials = credential.body['credentials'] as Array<{ credential: string }>;
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.credential.split('~').length).toBeGreaterThan(2);

    const notification = await wallet.notification(accessToken, { notification_id: credential.body['notification_id'], event: 'credential_accepted' });
    expect(notification.status).toBe(204);

    const status = await eventually(() => getIssuance(issuance.id), (value) => value.status === 'credential_accepted');
    expect(status.status).toBe('credential_accepted');

    const timeline = await eventually(
      () => getSession(issuance.session_id),
      (value) => value !== null && value.events.length >= 5 && ['/token', '/credential', '/notification'].every((endpoint) => value.entries.some((entry) => entry.endpoint === endpoint)),
    );
    expect(timeline?.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['offer_created', 'offer_retrieved', 'token_issued', 'credential_issued', 'credential_accepted']),
    );
    expect(timeline?.session.state).toBe('credential_accepted');
  });

  it('signs the SD-JWT VC with the key of its x5c leaf, which chains to the published trust anchor without including it (HAIP 1.0 Section 6.1.1)', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const result = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    const issuerJwt = (result.body['credentials'] as Array<{ credential: string }>)[0]!.credential.split('~')[0]!;

    const x5c = decodeProtectedHeader(issuerJwt).x5c ?? [];
    const chain = x5c.map((der) => new X509Certificate(Buffer.from(der, 'base64')));
    expect(chain.length).toBeGreaterThan(0);
    const { payload } = await jwtVerify(issuerJwt, chain[0]!.publicKey, { typ: 'dc+sd-jwt', issuer: baseUrl() });
    expect(payload['vct']).toBe('urn:eudi:pid:1');
    expect(chain.filter((certificate) => certificate.verify(certificate.publicKey))).toEqual([]);
    const anchors = (await trustAnchors()).map((pem) => new X509Certificate(pem));
    expect(anchors.some((anchor) => chain.at(-1)!.checkIssued(anchor) && chain.at(-1)!.verify(anchor.publicKey))).toBe(true);
  });

  it('issues with a Bearer token when the wallet sends no DPoP proof', async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const token = await wallet.token(
      { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) },
      {},
    );
    expect(token.status).toBe(200);
    expect(token.body['token_type']).toBe('Bearer');
    const accessToken = token.body['access_token'] as string;
    const nonce = await wallet.nonce();
    const credential = await wallet.credential(
      accessToken,
      { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce)] } },
      { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    );
    expect(credential.status).toBe(200);
  });

  it("continues the wallet's W3C trace context on the timeline", async () => {
    const issuance = await createIssuance();
    const wallet = new TestWallet();
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const token = await wallet.token(
      { grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) },
      { dpop: wallet.dpop('POST', '/token'), traceparent },
    );
    expect(token.status).toBe(200);
    const timeline = await timelineWith(issuance.session_id, (entry) => entry.endpoint === '/token');
    const tokenEntries = timeline.entries.filter((entry) => entry.endpoint === '/token') as Array<{ traceId?: string | null }>;
    expect(tokenEntries.length).toBeGreaterThan(0);
    expect(tokenEntries.every((entry) => entry.traceId === traceId)).toBe(true);
  });

  it('keeps secrets out of the timeline', async () => {
    const issuance = await createIssuance({ txCode: true });
    const wallet = new TestWallet();
    const code = preAuthorizedCodeOf(issuance);
    const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code, tx_code: issuance.tx_code as string });
    const accessToken = token.body['access_token'] as string;
    const nonce = await wallet.nonce();
    await wallet.credential(accessToken, { credential_configuration_id: configurationId, proofs: { jwt: [wallet.proof(nonce)] } });

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.endpoint === '/credential' && entry.message.startsWith('Responded'));
    const recorded = JSON.stringify(timeline);
    for (const secret of [code, accessToken]) expect(recorded).not.toContain(secret);
    const tokenRequest = timeline.entries.find((entry) => entry.endpoint === '/token' && entry.message.endsWith('received'));
    expect(tokenRequest?.data?.['body']).toMatchObject({ 'pre-authorized_code': `<present, len=${code.length}>`, tx_code: '<present, len=6>' });
  });
});
