import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, type Database, type OutgoingEvent } from '@issuer/data-access-runtime';
import { createOfferRepository, type OfferBatchStore, type OfferRepository } from './create-offer-repository.js';
import type { IssuanceFilter, IssuancePage, IssuancePosition, NewIssuance } from './issuance.js';
import type { IssuanceStore } from './issuance-store.js';
import { offerMigrations } from './offer-migrations.js';

const event = (subject: string, sessionId: string): OutgoingEvent => ({
  subject,
  envelope: { id: randomUUID(), type: subject, version: 1, occurredAt: new Date().toISOString(), sessionId, data: { sessionId } },
});

const newIssuance = (overrides: Partial<NewIssuance> = {}): NewIssuance => {
  const sessionId = randomUUID();
  return {
    id: randomUUID(),
    sessionId,
    offerId: randomUUID(),
    status: 'offer_sent',
    credentials: [{ credential_configuration_id: 'eu.europa.ec.eudi.pid.1', claims: { given_name: 'Erika', address: { locality: 'Berlin' } } }],
    grantType: 'pre-authorized_code',
    txCodeSpec: { input_mode: 'numeric', length: 6 },
    credentialOffer: { credential_issuer: 'https://issuer.example', credential_configuration_ids: ['eu.europa.ec.eudi.pid.1'] },
    offerExpiresAt: new Date(Date.now() + 300_000),
    ...overrides,
  };
};

describe('offer repository on PGlite', () => {
  let db: Database;
  let repository: OfferRepository;
  const pendingIds = async () => (await repository.outbox.fetchPending(10_000)).map((record) => record.id);

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(db, [offerMigrations]);
    repository = createOfferRepository(db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
  });

  it('stores an issuance with its event and finds it by id, session id and offer id', async () => {
    const issuance = newIssuance();
    const created = event('issuance.offer.created', issuance.sessionId);

    const stored = await repository.createIssuance(issuance, [created]);

    expect(stored).toEqual({
      ...issuance,
      compatibilityProfile: null,
      deferred: false,
      urlScheme: null,
      testBehaviours: null,
      pushEndpoint: null,
      pushState: null,
      pushStatusCode: null,
      pushError: null,
      pushedAt: null,
      denialReason: null,
      credentialStatus: 'operational',
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(await repository.findIssuance(issuance.id)).toEqual(stored);
    expect(await repository.findIssuanceBySessionId(issuance.sessionId)).toEqual(stored);
    expect(await repository.findIssuanceByOfferId(issuance.offerId)).toEqual(stored);
    expect(await repository.findIssuanceByOfferId('unknown')).toBeNull();
    const record = (await repository.outbox.fetchPending(10_000)).find((pending) => pending.id === created.envelope.id);
    expect(record).toEqual({ id: created.envelope.id, subject: 'issuance.offer.created', envelope: created.envelope, createdAt: expect.any(Date) });
  });

  it('stores one issuance per session when several are created for it at once, and the events of that one only', async () => {
    const first = newIssuance({ grantType: 'authorization_code' });
    const attempts = Array.from({ length: 6 }, (_, index) => (index === 0 ? first : newIssuance({ sessionId: first.sessionId, grantType: 'authorization_code' })));
    const events = attempts.map((attempt) => event('issuance.offer.created', attempt.sessionId));

    const stored = await Promise.all(attempts.map((attempt, index) => repository.createIssuanceOfSession(attempt, [events[index]!])));

    expect(new Set(stored.map((issuance) => issuance?.id)).size).toBe(1);
    const winner = attempts.findIndex((attempt) => attempt.id === stored[0]?.id);
    expect(winner).toBeGreaterThanOrEqual(0);
    expect((await repository.findIssuanceBySessionId(first.sessionId))?.id).toBe(attempts[winner]!.id);
    const eventIds = events.map((candidate) => candidate.envelope.id);
    expect((await pendingIds()).filter((id) => eventIds.includes(id))).toEqual([eventIds[winner]]);
  });

  it('records the credential status the management API set', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    await repository.recordCredentialStatus(issuance.id, 'suspended');
    expect((await repository.findIssuance(issuance.id))?.credentialStatus).toBe('suspended');
  });

  it("stores the issuance's test behaviours", async () => {
    const testBehaviours = { reject_first_proof: true, deferred_ready_after: 5 };
    const issuance = { ...newIssuance(), testBehaviours };
    expect((await repository.createIssuance(issuance, [])).testBehaviours).toEqual(testBehaviours);
    expect((await repository.findIssuance(issuance.id))?.testBehaviours).toEqual(testBehaviours);
  });

  it("stores the issuance's own compatibility profile", async () => {
    const issuance = { ...newIssuance(), compatibilityProfile: 'haip' };
    await repository.createIssuance(issuance, []);
    expect((await repository.findIssuance(issuance.id))?.compatibilityProfile).toBe('haip');
  });

  it('supplies the claims of a deferred issuance once, only while they are as the operator read them', async () => {
    const waiting = [{ credential_configuration_id: 'eu.europa.ec.eudi.pid.1' }];
    const supplied = [{ credential_configuration_id: 'eu.europa.ec.eudi.pid.1', claims: { given_name: 'Erika' } }];
    const issuance = newIssuance({ deferred: true, credentials: waiting });
    await repository.createIssuance(issuance, []);
    const first = event('issuance.claims.supplied', issuance.sessionId);
    const second = event('issuance.claims.supplied', issuance.sessionId);

    expect(await repository.supplyClaims(issuance.id, waiting, supplied, [first])).toBe(true);
    expect(await repository.supplyClaims(issuance.id, waiting, [{ ...supplied[0]!, claims: { given_name: 'Max' } }], [second])).toBe(false);

    expect(await repository.findIssuance(issuance.id)).toMatchObject({ deferred: true, credentials: supplied });
    const pending = await pendingIds();
    expect(pending).toContain(first.envelope.id);
    expect(pending).not.toContain(second.envelope.id);
  });

  it('denies a deferred issuance from the allowed statuses only, and then takes no claims', async () => {
    const waiting = [{ credential_configuration_id: 'eu.europa.ec.eudi.pid.1' }];
    const immediate = newIssuance();
    const deferred = newIssuance({ deferred: true, credentials: waiting });
    await repository.createIssuance(immediate, []);
    await repository.createIssuance(deferred, []);
    const denied = event('issuance.credential.denied', deferred.sessionId);
    const allowedFrom = ['offer_sent', 'offer_received', 'credential_deferred'];

    expect(await repository.denyIssuance(immediate.id, 'no', allowedFrom, [])).toBe(false);
    expect(await repository.denyIssuance(deferred.id, 'identity check failed', ['credential_deferred'], [])).toBe(false);
    expect(await repository.denyIssuance(deferred.id, 'identity check failed', allowedFrom, [denied])).toBe(true);
    expect(await repository.denyIssuance(deferred.id, 'again', allowedFrom, [])).toBe(false);

    expect(await repository.findIssuance(deferred.id)).toMatchObject({ status: 'issuance_denied', denialReason: 'identity check failed' });
    expect(await repository.supplyClaims(deferred.id, waiting, [{ ...waiting[0]!, claims: { given_name: 'Erika' } }], [])).toBe(false);
    expect(await pendingIds()).toContain(denied.envelope.id);
  });

  it('stores neither the issuance nor its events when one of them cannot be written', async () => {
    const first = newIssuance();
    const published = event('issuance.offer.created', first.sessionId);
    await repository.createIssuance(first, [published]);
    const second = newIssuance();
    const fresh = event('issuance.offer.created', second.sessionId);

    await expect(repository.createIssuance(second, [fresh, published])).rejects.toThrow();

    expect(await repository.findIssuance(second.id)).toBeNull();
    expect(await pendingIds()).not.toContain(fresh.envelope.id);
  });

  it('moves offer_sent to offer_received once and records every retrieval', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const firstRetrieval = event('issuance.offer.retrieved', issuance.sessionId);
    const secondRetrieval = event('issuance.offer.retrieved', issuance.sessionId);

    expect(await repository.markOfferRetrieved(issuance.offerId, [firstRetrieval])).toBe(true);
    expect(await repository.markOfferRetrieved(issuance.offerId, [secondRetrieval])).toBe(false);

    expect((await repository.findIssuance(issuance.id))?.status).toBe('offer_received');
    expect(await pendingIds()).toEqual(expect.arrayContaining([firstRetrieval.envelope.id, secondRetrieval.envelope.id]));
  });

  it('changes the status only from an allowed one, and writes the event only then', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const refused = event('issuance.status.changed', issuance.sessionId);
    const accepted = event('issuance.status.changed', issuance.sessionId);

    expect(await repository.updateStatus(issuance.sessionId, 'credential_accepted', ['credential_issued'], [refused])).toBe(false);
    expect((await repository.findIssuance(issuance.id))?.status).toBe('offer_sent');
    expect(await repository.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent', 'offer_received'], [accepted])).toBe(true);
    expect(await repository.updateStatus(issuance.sessionId, 'credential_accepted', ['credential_issued'])).toBe(true);

    const updated = await repository.findIssuance(issuance.id);
    expect(updated?.status).toBe('credential_accepted');
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(updated!.createdAt.getTime());
    const pending = await pendingIds();
    expect(pending).toContain(accepted.envelope.id);
    expect(pending).not.toContain(refused.envelope.id);
  });

  it('applies a batch of moves in order, each only from its allowed statuses, in one transaction', async () => {
    const [a, b, c] = [newIssuance(), newIssuance(), newIssuance()];
    for (const issuance of [a, b, c]) await repository.createIssuance(issuance, []);
    const issued = { status: 'credential_issued', allowedFrom: ['offer_sent', 'offer_received'] };
    const accepted = { status: 'credential_accepted', allowedFrom: ['offer_sent', 'offer_received', 'credential_issued'] };

    const changed = await repository.markProcessedBatch('offer-service-status', [randomUUID()], (tx) =>
      tx.moveStatuses([
        { sessionId: a.sessionId, ...issued },
        { sessionId: a.sessionId, ...accepted },
        // Out of order for b: accepted first, then issued is no longer allowed.
        { sessionId: b.sessionId, ...accepted },
        { sessionId: b.sessionId, ...issued },
        { sessionId: 'unknown-session', ...issued },
      ]).then(() => undefined),
    );

    expect(changed).toHaveLength(1);
    expect((await repository.findIssuance(a.id))?.status).toBe('credential_accepted');
    expect((await repository.findIssuance(b.id))?.status).toBe('credential_accepted');
    expect((await repository.findIssuance(c.id))?.status).toBe('offer_sent');
  });

  it('lists issuances newest first, page by page', async () => {
    for (let i = 0; i < 3; i++) await repository.createIssuance(newIssuance(), []);
    const all = await repository.listIssuances({ limit: 1000 });
    expect(all.next).toBeNull();
    const times = all.items.map((issuance) => issuance.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const seen: string[] = [];
    let after: IssuancePosition | null = null;
    do {
      const page: IssuancePage = await repository.listIssuances({ limit: 2, after });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((issuance) => issuance.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual(all.items.map((issuance) => issuance.id));
  });

  it('lists only the issuances matching every filter given', async () => {
    const mdl = newIssuance({ credentials: [{ credential_configuration_id: 'org.iso.18013.5.1.mDL', claims: {} }], grantType: 'authorization_code' });
    const pid = newIssuance();
    await repository.createIssuance(mdl, []);
    await repository.createIssuance(pid, []);
    await repository.updateStatus(pid.sessionId, 'credential_issued', ['offer_sent']);
    const ids = async (filter: IssuanceFilter) => (await repository.listIssuances({ limit: 1000, filter })).items.map((issuance) => issuance.id);

    expect(await ids({ credentialConfigurationId: 'org.iso.18013.5.1.mDL' })).toContain(mdl.id);
    expect(await ids({ credentialConfigurationId: 'org.iso.18013.5.1.mDL' })).not.toContain(pid.id);
    expect(await ids({ grantType: 'authorization_code', sessionId: mdl.sessionId })).toEqual([mdl.id]);
    expect(await ids({ grantType: 'pre-authorized_code', sessionId: mdl.sessionId })).toEqual([]);
    expect(await ids({ status: 'credential_issued', sessionId: pid.sessionId })).toEqual([pid.id]);
    expect(await ids({ status: 'offer_sent', sessionId: pid.sessionId })).toEqual([]);

    const created = (await repository.findIssuance(pid.id))!.createdAt;
    expect(await ids({ sessionId: pid.sessionId, createdAfter: created, createdBefore: new Date(created.getTime() + 1) })).toEqual([pid.id]);
    expect(await ids({ sessionId: pid.sessionId, createdBefore: created })).toEqual([]);
    expect(await ids({ sessionId: pid.sessionId, createdAfter: new Date(created.getTime() + 1) })).toEqual([]);
  });

  it('records how pushing the offer to the wallet went', async () => {
    const issuance = newIssuance({ pushEndpoint: 'https://wallet.example/offer' });
    expect(await repository.createIssuance(issuance, [])).toMatchObject({ pushEndpoint: 'https://wallet.example/offer', pushState: 'pending' });
    const at = new Date('2026-12-02T12:00:00.000Z');

    await repository.recordOfferPush(issuance.id, { state: 'failed', statusCode: 503, error: 'HTTP 503', at });

    expect(await repository.findIssuance(issuance.id)).toMatchObject({ pushState: 'failed', pushStatusCode: 503, pushError: 'HTTP 503', pushedAt: at });
  });

  it('deletes an issuance once, with its events', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const deleted = event('issuance.deleted', issuance.sessionId);

    expect(await repository.deleteIssuance(issuance.id, [deleted])).toBe(true);
    expect(await repository.findIssuance(issuance.id)).toBeNull();
    expect(await repository.findIssuanceByOfferId(issuance.offerId)).toBeNull();
    expect(await pendingIds()).toContain(deleted.envelope.id);

    const again = event('issuance.deleted', issuance.sessionId);
    expect(await repository.deleteIssuance(issuance.id, [again])).toBe(false);
    expect(await pendingIds()).not.toContain(again.envelope.id);
  });

  it('hands out pending outbox rows oldest first until they are marked published', async () => {
    const issuance = newIssuance();
    const events = [event('issuance.offer.created', issuance.sessionId), event('issuance.offer.created', issuance.sessionId)];
    await repository.createIssuance(issuance, events);

    const pending = await repository.outbox.fetchPending(10_000);
    const times = pending.map((record) => record.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await repository.outbox.markPublished(pending.map((record) => record.id));

    expect(await repository.outbox.fetchPending(10_000)).toEqual([]);
  });

  it('runs a consumer once per event and commits its writes with the record of it', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const eventId = randomUUID();
    let runs = 0;
    const handler = async (tx: IssuanceStore) => {
      runs += 1;
      await tx.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent']);
    };

    expect(await repository.markProcessed('offer-service-status', eventId, handler)).toBe(true);
    expect(await repository.markProcessed('offer-service-status', eventId, handler)).toBe(false);
    expect(await repository.markProcessed('another-consumer', eventId, async () => undefined)).toBe(true);

    expect(runs).toBe(1);
    expect((await repository.findIssuance(issuance.id))?.status).toBe('credential_issued');
  });

  it('handles a batch of events in one transaction, running only the ones not handled before', async () => {
    const issuances = [newIssuance(), newIssuance()];
    for (const issuance of issuances) await repository.createIssuance(issuance, []);
    const [seen, first, second] = [randomUUID(), randomUUID(), randomUUID()];
    await repository.markProcessed('offer-service-status', seen, async () => undefined);
    const runs: string[][] = [];
    const handler = async (tx: OfferBatchStore, freshIds: string[]) => {
      runs.push(freshIds);
      await tx.moveStatuses(issuances.map(({ sessionId }) => ({ sessionId, status: 'credential_issued', allowedFrom: ['offer_sent'] })));
    };

    expect(await repository.markProcessedBatch('offer-service-status', [first, seen, second, first], handler)).toEqual([first, second]);
    expect(await repository.markProcessedBatch('offer-service-status', [second, seen], handler)).toEqual([]);

    expect(runs).toEqual([[first, second]]);
    for (const issuance of issuances) expect((await repository.findIssuance(issuance.id))?.status).toBe('credential_issued');
  });

  it('rolls back a failing batch, events and writes together', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const eventIds = [randomUUID(), randomUUID()];

    await expect(
      repository.markProcessedBatch('offer-service-status', eventIds, async (tx) => {
        expect(await tx.moveStatuses([{ sessionId: issuance.sessionId, status: 'credential_issued', allowedFrom: ['offer_sent'] }])).toBe(1);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect((await repository.findIssuance(issuance.id))?.status).toBe('offer_sent');

    expect(await repository.markProcessedBatch('offer-service-status', eventIds, async () => undefined)).toEqual(eventIds);
  });

  it('refuses a call on the repository inside a batch instead of waiting for the batch to end', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    await expect(
      repository.markProcessedBatch('offer-service-status', [randomUUID()], async () => {
        await repository.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent']);
      }),
    ).rejects.toThrow("use the batch's tx");
    expect((await repository.findIssuance(issuance.id))?.status).toBe('offer_sent');
  });

  it('rolls back a consumer that fails, so the redelivered event runs again', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const eventId = randomUUID();

    await expect(
      repository.markProcessed('offer-service-status', eventId, async (tx) => {
        await tx.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent']);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect((await repository.findIssuance(issuance.id))?.status).toBe('offer_sent');

    expect(
      await repository.markProcessed('offer-service-status', eventId, async (tx) => {
        await tx.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent']);
      }),
    ).toBe(true);
    expect((await repository.findIssuance(issuance.id))?.status).toBe('credential_issued');
  });

  it('puts what a consumer writes through the repository itself into its transaction', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    const eventId = randomUUID();

    await expect(
      repository.markProcessed('offer-service-status', eventId, async () => {
        expect(await repository.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent'])).toBe(true);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');

    expect((await repository.findIssuance(issuance.id))?.status).toBe('offer_sent');
  });

  it('runs work a consumer leaves behind outside its finished transaction', async () => {
    const issuance = newIssuance();
    await repository.createIssuance(issuance, []);
    let later: Promise<boolean> | undefined;

    await repository.markProcessed('offer-service-status', randomUUID(), async () => {
      later = new Promise((resolve, reject) => {
        setTimeout(() => repository.updateStatus(issuance.sessionId, 'credential_issued', ['offer_sent']).then(resolve, reject), 20);
      });
    });

    expect(await later).toBe(true);
    expect((await repository.findIssuance(issuance.id))?.status).toBe('credential_issued');
  });
});
