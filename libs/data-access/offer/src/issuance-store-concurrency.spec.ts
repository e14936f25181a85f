import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createThrowawayDatabase, migrate, openDatabase, postgresTestServerUrl, type Database, type ThrowawayDatabase } from '@issuer/data-access-runtime';
import { createOfferRepository, type OfferRepository } from './create-offer-repository.js';
import { offerMigrations } from './offer-migrations.js';

// PostgreSQL re-checks an UPDATE's WHERE on the row a concurrent transaction committed (READ
// COMMITTED); an `IN (subquery)` there is not re-checked and matched nothing. These pin the re-check.
describe('issuance status changes racing the status consumer, on PostgreSQL', () => {
  let throwaway: ThrowawayDatabase;
  let db: Database;
  let repository: OfferRepository;
  let other: pg.Client;

  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(postgresTestServerUrl());
    db = await openDatabase({ kind: 'postgres', url: throwaway.url, poolMax: 4 });
    await migrate(db, [offerMigrations]);
    repository = createOfferRepository(db);
    other = new pg.Client(throwaway.url);
    await other.connect();
  }, 60_000);

  afterAll(async () => {
    await other?.end();
    await repository?.close();
    await db?.close();
    await throwaway?.drop();
  });

  const deferredIssuance = async () => {
    const sessionId = randomUUID();
    const issuance = await repository.createIssuance(
      {
        id: randomUUID(),
        sessionId,
        offerId: randomUUID(),
        status: 'offer_received',
        credentials: [{ credential_configuration_id: 'pid' }],
        grantType: 'pre-authorized_code',
        txCodeSpec: null,
        credentialOffer: {},
        offerExpiresAt: new Date(Date.now() + 300_000),
        deferred: true,
      },
      [],
    );
    return issuance;
  };

  /** Another transaction moves the status and commits while `change` waits for its row lock. */
  const whileMoving = async <T>(id: string, to: string, change: () => Promise<T>): Promise<T> => {
    await other.query('BEGIN');
    await other.query('UPDATE "offer"."Issuance" SET "status" = $2 WHERE "id" = $1', [id, to]);
    const pending = change();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await other.query('COMMIT');
    return pending;
  };

  it('stores one issuance for a session that several connections create at once', async () => {
    const sessionId = randomUUID();
    const attempt = () => ({
      id: randomUUID(),
      sessionId,
      offerId: randomUUID(),
      status: 'offer_received',
      credentials: [{ credential_configuration_id: 'pid', claims: { given_name: 'Erika' } }],
      grantType: 'authorization_code',
      txCodeSpec: null,
      credentialOffer: {},
      offerExpiresAt: new Date(Date.now() + 300_000),
    });

    const stored = await Promise.all(Array.from({ length: 4 }, () => repository.createIssuanceOfSession(attempt(), [])));

    expect(new Set(stored.map((issuance) => issuance?.id)).size).toBe(1);
    expect((await repository.findIssuanceBySessionId(sessionId))?.id).toBe(stored[0]?.id);
  });

  it('denies an issuance whose status moved to another deniable one meanwhile', async () => {
    const issuance = await deferredIssuance();
    const denied = await whileMoving(issuance.id, 'credential_deferred', () => repository.denyIssuance(issuance.id, 'expired document', ['offer_sent', 'offer_received', 'credential_deferred'], []));
    expect(denied).toBe(true);
    expect((await repository.findIssuance(issuance.id))?.status).toBe('issuance_denied');
  });

  it('moves a status whose row moved meanwhile to another allowed one', async () => {
    const issuance = await deferredIssuance();
    const moved = await whileMoving(issuance.id, 'credential_deferred', () => repository.updateStatus(issuance.sessionId, 'credential_issued', ['offer_received', 'credential_deferred']));
    expect(moved).toBe(true);
  });
});
