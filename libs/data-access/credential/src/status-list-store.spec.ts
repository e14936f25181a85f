import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StatusList as IndependentStatusList } from '@sd-jwt/jwt-status-list';
import { encodeStatusList, StatusType, type StatusListBits } from '@issuer/formats';
import { openTestDatabase, type OutgoingEvent, type TestDatabase } from '@issuer/data-access-runtime';
import { createCredentialRepository, type CredentialRepository } from './create-credential-repository.js';
import { credentialMigrations } from './credential-migrations.js';
import type { AllocatedStatus, StatusListTemplate } from './status-list.js';

const template = (size: number, bits: StatusListBits = 2): StatusListTemplate => ({
  bits,
  size,
  uri: (id) => `https://issuer.example.com/status-lists/${id}`,
});

const statusChanged = (sessionId: string): OutgoingEvent => ({
  subject: 'issuance.credential.status_changed',
  envelope: { id: randomUUID(), type: 'issuance.credential.status_changed', version: 1, occurredAt: new Date().toISOString(), sessionId, data: {} },
});

const ids = (count: number) => Array.from({ length: count }, () => randomUUID());
const entryKeys = (entries: AllocatedStatus[]) => entries.map(({ statusListId, idx }) => `${statusListId}#${idx}`);

describe.each(['PGlite', 'PostgreSQL'] as const)('status lists on %s', (kind) => {
  let testDatabase: TestDatabase | undefined;
  let repository: CredentialRepository;
  const pendingIds = async () => (await repository.outbox.fetchPending(10_000)).map((record) => record.id);

  /** Allocates entries for `count` credentials of one issuance (one response) and records them issued. */
  async function issue(count: number, statusTemplate: StatusListTemplate) {
    const issuanceId = randomUUID();
    const notificationId = randomUUID();
    const credentialIds = ids(count);
    const entries = await repository.allocateCredentialStatus(credentialIds, statusTemplate);
    const recorded = await repository.recordIssued(
      credentialIds.map((id) => ({
        id,
        sessionId: 'session-1',
        issuanceId,
        credentialConfigurationId: 'eu.europa.ec.eudi.pid.1',
        format: 'dc+sd-jwt',
        notificationId,
        holderJkt: null,
        proofHash: null,
      })),
      [],
    );
    expect(recorded).toEqual({ ok: true });
    return { issuanceId, notificationId, entries };
  }

  /** The status of `entry` as an independent implementation reads the served list. */
  async function servedStatus(entry: AllocatedStatus): Promise<number> {
    const list = await repository.findStatusList(entry.statusListId);
    const { lst, bits } = encodeStatusList(list!);
    return IndependentStatusList.decompressStatusList(lst, bits).getStatus(entry.idx);
  }

  beforeAll(async () => {
    testDatabase = await openTestDatabase(kind, [credentialMigrations]);
    repository = createCredentialRepository(testDatabase.db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await testDatabase?.close();
  });

  it('opens a list served at its URI and gives each credential its own VALID entry', async () => {
    const credentialIds = ids(3);
    const entries = await repository.allocateCredentialStatus(credentialIds, template(1024));

    expect(entries.map((entry) => entry.credentialId)).toEqual(credentialIds);
    expect(new Set(entryKeys(entries)).size).toBe(3);
    const [first] = entries;
    expect(entries.every((entry) => entry.statusListId === first!.statusListId && entry.idx >= 0 && entry.idx < 1024)).toBe(true);
    expect(first!.uri).toBe(`https://issuer.example.com/status-lists/${first!.statusListId}`);

    const list = await repository.findStatusList(first!.statusListId);
    expect(list).toEqual({ id: first!.statusListId, uri: first!.uri, bits: 2, size: 1024, bytes: new Uint8Array(256), version: 0, updatedAt: expect.any(Date) });
    expect(await repository.findCredentialStatus(credentialIds[0]!)).toEqual({ ...first, status: StatusType.VALID });
    expect(await repository.findStatusList('unknown')).toBeNull();
    expect(await repository.findCredentialStatus('unknown')).toBeNull();
  });

  it('keeps filling the open list and does not hand out indices in issuance order', async () => {
    const first = await repository.allocateCredentialStatus(ids(20), template(1 << 16));
    const second = await repository.allocateCredentialStatus(ids(20), template(1 << 16));
    const entries = [...first, ...second];

    expect(new Set(entries.map((entry) => entry.statusListId)).size).toBe(1);
    expect(new Set(entryKeys(entries)).size).toBe(40);
    const indices = entries.map((entry) => entry.idx);
    expect(indices).not.toEqual([...indices].sort((a, b) => a - b));
  });

  it('never hands out an entry twice among 20 concurrent allocations, opening lists as they fill', async () => {
    const size = 16;
    const entries = (await Promise.all(Array.from({ length: 20 }, () => repository.allocateCredentialStatus(ids(1), template(size, 4))))).flat();

    expect(entries).toHaveLength(20);
    expect(new Set(entryKeys(entries)).size).toBe(20);
    expect(entries.every((entry) => entry.idx >= 0 && entry.idx < size)).toBe(true);
    // Three quarters of 16 entries per list: 20 credentials need at least two lists.
    expect(new Set(entries.map((entry) => entry.statusListId)).size).toBeGreaterThanOrEqual(2);
  });

  it('never hands out an entry twice among 20 concurrent batches', async () => {
    const batches = await Promise.all(Array.from({ length: 20 }, () => repository.allocateCredentialStatus(ids(5), template(256, 8))));

    const entries = batches.flat();
    expect(entries).toHaveLength(100);
    expect(new Set(entryKeys(entries)).size).toBe(100);
  });

  it('allocates the requests of one turn together, with one statement, each its own entries', async () => {
    const statusTemplate = template(1 << 20, 1);
    await repository.allocateCredentialStatus(ids(1), statusTemplate);
    const allocations: string[] = [];
    const counted = createCredentialRepository({
      ...testDatabase!.db,
      query: (sql, params) => {
        if (sql.includes('INSERT INTO "credential"."CredentialStatus"')) allocations.push(sql);
        return testDatabase!.db.query(sql, params);
      },
    });
    try {
      const requests = [ids(1), ids(3), ids(1), ids(2)];
      const results = await Promise.all(requests.map((credentialIds) => counted.allocateCredentialStatus(credentialIds, statusTemplate)));

      expect(results.map((entries) => entries.map((entry) => entry.credentialId))).toEqual(requests);
      expect(new Set(entryKeys(results.flat())).size).toBe(7);
      expect(allocations).toHaveLength(1);
    } finally {
      await counted.close();
    }
  });

  it('fails only the request that fails alone when requests of one turn are allocated together', async () => {
    const statusTemplate = template(1 << 20, 1);
    const [taken] = await repository.allocateCredentialStatus(ids(1), statusTemplate);
    const fresh = ids(2);

    const [again, others] = await Promise.allSettled([
      repository.allocateCredentialStatus([taken!.credentialId], statusTemplate),
      repository.allocateCredentialStatus(fresh, statusTemplate),
    ]);

    expect(again.status).toBe('rejected');
    expect(others.status === 'fulfilled' && others.value.map((entry) => entry.credentialId)).toEqual(fresh);
  });

  it('refuses to give one credential two entries', async () => {
    const [credentialId] = ids(1);
    await expect(repository.allocateCredentialStatus([credentialId!, credentialId!], template(1024))).rejects.toThrow('credentialIds repeat');
    await repository.allocateCredentialStatus([credentialId!], template(1024));
    await expect(repository.allocateCredentialStatus([credentialId!], template(1024))).rejects.toThrow();
  });

  it('knows which issuances and responses have status entries', async () => {
    const { issuanceId, notificationId } = await issue(1, template(2048));
    expect(await repository.hasCredentialStatus({ issuanceId })).toBe(true);
    expect(await repository.hasCredentialStatus({ notificationId })).toBe(true);
    expect(await repository.hasCredentialStatus({ issuanceId: randomUUID() })).toBe(false);
  });

  it('revokes the credentials of one issuance in the served list, with its event, leaving others VALID', async () => {
    const revoked = await issue(3, template(2048));
    const other = await issue(1, template(2048));
    const before = await repository.findStatusList(revoked.entries[0]!.statusListId);
    const event = statusChanged('session-1');

    expect(await repository.setCredentialStatus({ issuanceId: revoked.issuanceId }, StatusType.INVALID, [event])).toBe('changed');

    for (const entry of revoked.entries) {
      expect(await servedStatus(entry)).toBe(StatusType.INVALID);
      expect((await repository.findCredentialStatus(entry.credentialId))?.status).toBe(StatusType.INVALID);
    }
    expect(await servedStatus(other.entries[0]!)).toBe(StatusType.VALID);
    const after = await repository.findStatusList(revoked.entries[0]!.statusListId);
    expect(after!.version).toBe(before!.version + 1);
    expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(before!.updatedAt.getTime());
    expect(await pendingIds()).toContain(event.envelope.id);
  });

  it('writes nothing, event included, when the status is already set or the issuance is unknown', async () => {
    const { issuanceId, entries } = await issue(1, template(2048));
    await repository.setCredentialStatus({ issuanceId }, StatusType.SUSPENDED, []);
    const version = (await repository.findStatusList(entries[0]!.statusListId))!.version;
    const repeated = statusChanged('session-1');
    const unknown = statusChanged('session-1');

    expect(await repository.setCredentialStatus({ issuanceId }, StatusType.SUSPENDED, [repeated])).toBe('unchanged');
    expect(await repository.setCredentialStatus({ issuanceId: 'unknown' }, StatusType.INVALID, [unknown])).toBe('unchanged');

    expect((await repository.findStatusList(entries[0]!.statusListId))!.version).toBe(version);
    const pending = await pendingIds();
    expect(pending).not.toContain(repeated.envelope.id);
    expect(pending).not.toContain(unknown.envelope.id);
  });

  it('suspends and reinstates by notification_id, and keeps a revoked credential revoked', async () => {
    const { issuanceId, notificationId, entries } = await issue(2, template(2048));
    const [entry] = entries;

    expect(await repository.setCredentialStatus({ notificationId }, StatusType.SUSPENDED, [])).toBe('changed');
    expect(await servedStatus(entry!)).toBe(StatusType.SUSPENDED);
    expect(await repository.setCredentialStatus({ notificationId }, StatusType.VALID, [])).toBe('changed');
    expect(await servedStatus(entry!)).toBe(StatusType.VALID);

    await repository.setCredentialStatus({ issuanceId }, StatusType.INVALID, []);
    expect(await repository.setCredentialStatus({ notificationId }, StatusType.VALID, [])).toBe('unchanged');
    expect(await repository.setCredentialStatus({ notificationId }, StatusType.SUSPENDED, [])).toBe('unchanged');
    expect(await servedStatus(entry!)).toBe(StatusType.INVALID);
  });

  it('leaves a list whose bits cannot hold the status unchanged', async () => {
    const { issuanceId, entries } = await issue(1, template(2048, 1));

    expect(await repository.setCredentialStatus({ issuanceId }, StatusType.SUSPENDED, [])).toBe('unchanged');
    expect(await servedStatus(entries[0]!)).toBe(StatusType.VALID);
    await expect(repository.setCredentialStatus({ issuanceId }, 256, [])).rejects.toThrow('is not a Status Type');
  });

  it('loses no change among 20 concurrent revocations in one list', async () => {
    // One entry per byte at 8 bits, four per byte at 2 bits: concurrent changes share bytes too.
    const issuances = [];
    for (let i = 0; i < 20; i++) issuances.push(await issue(1, template(64)));
    const [listId] = new Set(issuances.map(({ entries }) => entries[0]!.statusListId));
    const version = (await repository.findStatusList(listId!))!.version;

    const results = await Promise.all(issuances.map(({ issuanceId }) => repository.setCredentialStatus({ issuanceId }, StatusType.INVALID, [])));

    expect(results).toEqual(Array(20).fill('changed'));
    for (const { entries } of issuances) expect(await servedStatus(entries[0]!)).toBe(StatusType.INVALID);
    expect((await repository.findStatusList(listId!))!.version).toBe(version + 20);
  });

  it('changes a status inside markProcessed, in its transaction', async () => {
    const { issuanceId, entries } = await issue(1, template(2048));
    const eventId = randomUUID();
    const revoke = () => repository.markProcessed('credential-status', eventId, async (tx) => {
      expect(await tx.setCredentialStatus({ issuanceId }, StatusType.INVALID, [])).toBe('changed');
    });

    expect(await revoke()).toBe(true);
    expect(await revoke()).toBe(false);
    expect(await servedStatus(entries[0]!)).toBe(StatusType.INVALID);
  });
});
