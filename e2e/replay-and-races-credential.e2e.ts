import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProtocolError } from './support/expect-error.js';
import { adminApiKey, baseUrl, createIssuance, eventually, getIssuance, preAuthorizedCodeOf, timelineWith, type IssuanceOptions } from './support/issuer-api.js';
import { alternating, expectExactlyOne, onPlatform, race, sessionEventsOf, type Spread } from './support/race.js';
import { replicable, startReplica, type Replica } from './support/replica.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { send, TestWallet, type HttpResult } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** A wallet holding a DPoP-bound access token of a fresh issuance. */
async function walletWithToken(options: IssuanceOptions = {}) {
  const issuance = await createIssuance(options);
  const wallet = new TestWallet();
  const token = await wallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  return { issuance, wallet, accessToken: token.body['access_token'] as string };
}

const credentialRequest = (proof: string) => ({ credential_configuration_id: PID, proofs: { jwt: [proof] } });

/** Where each kind of request of a race goes. */
interface Spreads {
  credential: Spread;
  deferred: Spread;
}

/** The credential and deferred credential endpoints' single-use artefacts, each raced by the attempts `spreads` sends out. */
function credentialEndpointRaces(spreads: Spreads): void {
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(() => 204);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('D11: one DPoP proof sent with credential requests at once: one credential, the others 401 invalid_dpop_proof with a DPoP challenge', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const nonce = await wallet.nonce();
    const dpop = wallet.dpop('POST', '/credential', { accessToken });
    const headers = { authorization: `DPoP ${accessToken}`, dpop, 'content-type': 'application/json' };
    const results = await race((index) => wallet.at(spreads.credential(index)).credential(accessToken, credentialRequest(wallet.proof(nonce)), headers));

    await expectExactlyOne(results, 200, { status: 401, error: 'invalid_dpop_proof', sessionId: issuance.session_id });
    for (const refused of results.filter((result) => result.status !== 200)) expect(refused.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_dpop_proof"/);
  });

  it('C13: one key proof sent with credential requests at once: one credential, the others invalid_proof, and so is a later request', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken();
    const proof = wallet.proof(await wallet.nonce());
    const results = await race((index) => wallet.at(spreads.credential(index)).credential(accessToken, credentialRequest(proof)));

    await expectExactlyOne(results, 200, { status: 400, error: 'invalid_proof', sessionId: issuance.session_id });
    await expectProtocolError(await wallet.at(spreads.credential(1)).credential(accessToken, credentialRequest(proof)), 400, 'invalid_proof', issuance.session_id);
    expect(await sessionEventsOf(issuance.session_id, 'credential_issued')).toHaveLength(1);
  });

  it('C13: one key proof sent with deferred credential requests at once: one transaction_id, the others invalid_proof', async () => {
    const { issuance, wallet, accessToken } = await walletWithToken({ deferred: true });
    const proof = wallet.proof(await wallet.nonce());
    const results = await race((index) => wallet.at(spreads.credential(index)).credential(accessToken, credentialRequest(proof)));

    await expectExactlyOne(results, 202, { status: 400, error: 'invalid_proof', sessionId: issuance.session_id });
    expect(await sessionEventsOf(issuance.session_id, 'credential_deferred')).toHaveLength(1);
  });

  it('C7: a c_nonce is not single-use (OID4VCI 1.0 Section 13.8 leaves it to the issuer): different key proofs with one c_nonce at once are all issued', async () => {
    const { wallet, accessToken } = await walletWithToken();
    const nonce = await wallet.nonce();
    const results = await race((index) => wallet.at(spreads.credential(index)).credential(accessToken, credentialRequest(wallet.proof(nonce))));

    expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
  });

  it('F2: a ready transaction_id redeemed by all at once: the credentials once, the others invalid_transaction_id, and so is a later request', async () => {
    // The deferred_ready_after test behaviour makes the transaction ready at a known time, with no event to wait for.
    const { issuance, wallet, accessToken } = await walletWithToken({ testBehaviours: { deferred_ready_after: 1 } });
    const deferred = await wallet.credential(accessToken, credentialRequest(wallet.proof(await wallet.nonce())));
    expect(deferred.status).toBe(202);
    const transactionId = deferred.body['transaction_id'] as string;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const results = await race((index) => wallet.at(spreads.deferred(index)).deferredCredential(accessToken, { transaction_id: transactionId }));

    const delivered = await expectExactlyOne(results, 200, { status: 400, error: 'invalid_transaction_id', sessionId: issuance.session_id });
    expect(delivered.body['credentials']).toHaveLength(1);
    await expectProtocolError(await wallet.at(spreads.deferred(1)).deferredCredential(accessToken, { transaction_id: transactionId }), 400, 'invalid_transaction_id', issuance.session_id);
    expect(await sessionEventsOf(issuance.session_id, 'credential_issued')).toHaveLength(1);
  });

  it('F4: the same notification sent again, and by all at once, is answered 204 each time and recorded once: one event, one webhook, one status change (OID4VCI 1.0 Section 11)', async () => {
    const webhook = await send('/admin/v1/webhooks', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminApiKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/notification`, events: ['credential_accepted'] }),
    });
    expect(webhook.status).toBe(201);
    const { issuance, wallet, accessToken } = await walletWithToken();
    const issued = await wallet.credential(accessToken, credentialRequest(wallet.proof(await wallet.nonce())));
    expect(issued.status).toBe(200);
    const notification = { notification_id: issued.body['notification_id'], event: 'credential_accepted' };
    const results: HttpResult[] = [...(await race((index) => wallet.at(spreads.credential(index)).notification(accessToken, notification))), await wallet.notification(accessToken, notification)];

    expect(results.map((result) => result.status)).toEqual(results.map(() => 204));
    expect(await sessionEventsOf(issuance.session_id, 'credential_accepted')).toHaveLength(1);
    expect((await eventually(() => getIssuance(issuance.id), (record) => record.status === 'credential_accepted')).status).toBe('credential_accepted');
    const delivered = () => receiver.received.filter((request) => JSON.parse(request.body).issuance_id === issuance.id);
    await eventually(async () => delivered(), (requests) => requests.length > 0);
    await send(`/admin/v1/webhooks/${webhook.body['id'] as string}`, { method: 'DELETE', headers: { authorization: `Bearer ${adminApiKey()}` } });
    expect(delivered().map((request) => JSON.parse(request.body).type)).toEqual(['credential_accepted']);
    // Every repetition is on the timeline, marked as one.
    const received = (entry: { message: string }) => entry.message === 'Notification credential_accepted';
    const timeline = await eventually(
      () => timelineWith(issuance.session_id, received),
      (value) => value.entries.filter(received).length === results.length,
    );
    expect(timeline.entries.filter(received).map((entry) => entry.data?.['duplicate']).sort()).toEqual([false, ...results.slice(1).map(() => true)]);
  });
}

describe('single-use artefacts of the credential and deferred credential endpoints, raced (NEGATIVE-TESTS C7, C13, D11, F2, F4)', () => {
  credentialEndpointRaces({ credential: onPlatform, deferred: onPlatform });
});

// Replicas share one database; an embedded platform is one process, so this runs in the distributed mode only.
if (replicable()) {
  describe('the same races split between two credential-service and two deferred-service replicas (NEGATIVE-TESTS C13, D11, F2, F4)', () => {
    let replicas: Record<'credential' | 'deferred', Replica>;

    beforeAll(async () => {
      const port = Number(new URL(baseUrl()).port) + 86;
      replicas = { credential: await startReplica('credential-service', port), deferred: await startReplica('deferred-service', port + 1) };
    }, 60_000);

    afterAll(async () => {
      await Promise.all(Object.values(replicas ?? {}).map((replica) => replica.stop()));
    });

    credentialEndpointRaces({ credential: alternating(() => replicas.credential.url), deferred: alternating(() => replicas.deferred.url) });
  });
}
