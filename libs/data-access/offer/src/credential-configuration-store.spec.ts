import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, type Database, type OutgoingEvent } from '@issuer/data-access-runtime';
import { createOfferRepository, type OfferRepository } from './create-offer-repository.js';
import { offerMigrations } from './offer-migrations.js';

const changed = (): OutgoingEvent => {
  const id = randomUUID();
  return { subject: 'issuance.credential-configuration.changed', envelope: { id, type: 'issuance.credential-configuration.changed', version: 1, occurredAt: new Date().toISOString(), sessionId: null, data: {} } };
};

const configuration = (validity_seconds: number) => ({ id: 'membership', format: 'dc+sd-jwt', vct: 'urn:example:membership', validity_seconds });

describe('credential configurations in the offer schema (PGlite)', () => {
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

  it('stores each revision after the one before, with its event, and refuses a change that came second', async () => {
    const first = changed();
    expect(await repository.saveCredentialConfiguration({ id: 'membership', configuration: configuration(60), disabled: false, revision: 1 }, [first])).toBe(true);
    const duplicate = changed();
    expect(await repository.saveCredentialConfiguration({ id: 'membership', configuration: configuration(30), disabled: false, revision: 1 }, [duplicate])).toBe(false);

    const second = changed();
    expect(await repository.saveCredentialConfiguration({ id: 'membership', configuration: configuration(90), disabled: true, revision: 2 }, [second])).toBe(true);
    const stale = changed();
    expect(await repository.saveCredentialConfiguration({ id: 'membership', configuration: configuration(30), disabled: false, revision: 2 }, [stale])).toBe(false);

    expect(await repository.findCredentialConfiguration('membership')).toMatchObject({ configuration: configuration(90), disabled: true, revision: 2 });
    expect(await repository.listCredentialConfigurations()).toHaveLength(1);
    const pending = await pendingIds();
    expect(pending).toEqual(expect.arrayContaining([first.envelope.id, second.envelope.id]));
    expect(pending).not.toContain(duplicate.envelope.id);
    expect(pending).not.toContain(stale.envelope.id);
    expect(await repository.findCredentialConfiguration('unknown')).toBeNull();
  });
});
