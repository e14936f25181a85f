import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createThrowawayDatabase,
  migrate,
  openDatabase,
  postgresTestServerUrl,
  type Database,
  type ThrowawayDatabase,
} from '@issuer/data-access-runtime';
import { createSessionLogRepository, type SessionLogRepository } from './create-session-log-repository.js';
import { sessionLogMigrations } from './session-log-migrations.js';
import type { NewSessionEvent, NewTimelineEntry } from './timeline.js';

const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 12, 0, second));

const entry = (sessionId: string | null, second: number, overrides: Partial<NewTimelineEntry> = {}): NewTimelineEntry => ({
  sessionId,
  time: at(second),
  level: 'info',
  endpoint: 'POST /token',
  message: `at ${second}`,
  data: { second },
  ...overrides,
});

const sessionEvent = (sessionId: string, type: string, state: string, second: number, session: Partial<NewSessionEvent['session']> = {}): NewSessionEvent => ({
  id: randomUUID(),
  sessionId,
  type,
  occurredAt: at(second),
  data: { type },
  session: { sessionId, state, ...session },
});

describe('session-log repository on PGlite', () => {
  let db: Database;
  let repository: SessionLogRepository;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(db, [sessionLogMigrations]);
    repository = createSessionLogRepository(db);
  }, 60_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
  });

  it('appends entries of many sessions at once and reads each timeline in time order', async () => {
    const a = randomUUID();
    const b = randomUUID();

    const stored = await repository.appendEntries([
      entry(a, 3),
      entry(b, 1),
      entry(a, 1, { data: { headers: { dpop: '<present, len=512>' } }, traceId: 'trace', spanId: 'span' }),
      entry(null, 2),
      entry(a, 2, { data: null, level: 'warn' }),
    ]);

    expect(stored).toBe(5);
    const timeline = await repository.getSession(a);
    expect(timeline?.session).toBeNull();
    expect(timeline?.entries.map((line) => line.time)).toEqual([at(1), at(2), at(3)]);
    expect(timeline?.entries[0]).toMatchObject({ sessionId: a, data: { headers: { dpop: '<present, len=512>' } }, traceId: 'trace', spanId: 'span', clientId: null });
    expect(timeline?.entries[1]).toMatchObject({ level: 'warn', data: null });
    expect((await repository.getSession(b))?.entries).toHaveLength(1);
    expect(await repository.getSession(randomUUID())).toBeNull();
  });

  it('stores more entries than one statement can bind parameters for', async () => {
    const sessionId = randomUUID();
    const entries = Array.from({ length: 7_000 }, (_, index) => entry(sessionId, index % 60, { data: { index } }));

    expect(await repository.appendEntries(entries)).toBe(7_000);
    const timeline = await repository.getSession(sessionId);
    expect(timeline?.entries).toHaveLength(7_000);
    expect(timeline?.entries.filter((line) => (line.data as { index: number }).index === 6_999)).toHaveLength(1);
  });

  it('records events once and keeps the session at the state of its latest event', async () => {
    const sessionId = randomUUID();
    const created = sessionEvent(sessionId, 'offer_created', 'offer_created', 1, {
      issuanceId: 'issuance-1',
      grantType: 'pre-authorized_code',
      credentialConfigurationIds: ['eu.europa.ec.eudi.pid.1'],
    });
    const token = sessionEvent(sessionId, 'token_issued', 'token_issued', 3);
    const retrieved = sessionEvent(sessionId, 'offer_retrieved', 'offer_retrieved', 2);

    expect(await repository.recordEvents([token])).toBe(1);
    expect(await repository.recordEvents([created, retrieved, token])).toBe(2);
    expect(await repository.recordEvents([created])).toBe(0);

    const timeline = await repository.getSession(sessionId);
    expect(timeline?.session).toMatchObject({
      id: sessionId,
      state: 'token_issued',
      stateChangedAt: at(3),
      issuanceId: 'issuance-1',
      grantType: 'pre-authorized_code',
      credentialConfigurationIds: ['eu.europa.ec.eudi.pid.1'],
      createdAt: at(1),
    });
    expect(timeline?.events.map((event) => event.type)).toEqual(['offer_created', 'offer_retrieved', 'token_issued']);
    expect(timeline?.events[0]).toEqual({ id: created.id, sessionId, type: 'offer_created', occurredAt: at(1), data: { type: 'offer_created' } });
  });

  it('updates the sessions of a batch of events of many sessions', async () => {
    const a = randomUUID();
    const b = randomUUID();

    await repository.recordEvents([
      sessionEvent(a, 'offer_created', 'offer_created', 1),
      sessionEvent(b, 'offer_created', 'offer_created', 1),
      sessionEvent(a, 'credential_issued', 'credential_issued', 5),
    ]);

    expect((await repository.getSession(a))?.session?.state).toBe('credential_issued');
    expect((await repository.getSession(b))?.session?.state).toBe('offer_created');
  });

  it('finds requests tied to no session by client id, IP, user agent and time, newest first', async () => {
    const clientId = randomUUID();
    await repository.appendEntries([
      entry(null, 10, { clientId, ip: '203.0.113.7', userAgent: 'WalletKit/2.1 (Android)' }),
      entry(null, 20, { clientId, ip: '203.0.113.7', userAgent: 'WalletKit/2.1 (iOS)' }),
      entry(null, 30, { clientId, ip: '198.51.100.1', userAgent: 'curl/8.5' }),
      entry(randomUUID(), 25, { clientId, ip: '203.0.113.7', userAgent: 'WalletKit/2.1 (iOS)' }),
    ]);
    const messages = async (query: Parameters<SessionLogRepository['listUnassignedEntries']>[0]) =>
      (await repository.listUnassignedEntries(query)).map((line) => line.message);

    expect(await messages({ clientId, limit: 10 })).toEqual(['at 30', 'at 20', 'at 10']);
    expect(await messages({ clientId, ip: '203.0.113.7', limit: 10 })).toEqual(['at 20', 'at 10']);
    expect(await messages({ clientId, userAgent: 'walletkit', limit: 10 })).toEqual(['at 20', 'at 10']);
    expect(await messages({ clientId, from: at(15), to: at(30), limit: 10 })).toEqual(['at 30', 'at 20']);
    expect(await messages({ clientId, limit: 1 })).toEqual(['at 30']);
  });

  it('lists sessions newest first, by state, page by page', async () => {
    const sessions = [randomUUID(), randomUUID(), randomUUID()];
    await repository.recordEvents(sessions.map((id, index) => sessionEvent(id, 'offer_created', 'listed', 40 + index)));

    const page1 = await repository.listSessions({ limit: 2, state: 'listed' });
    expect(page1.items.map((session) => session.id)).toEqual([sessions[2], sessions[1]]);
    const page2 = await repository.listSessions({ limit: 2, state: 'listed', cursor: page1.nextCursor });
    expect(page2).toEqual({ items: [expect.objectContaining({ id: sessions[0] })], nextCursor: null });
    expect((await repository.listSessions({ limit: 1000 })).items.length).toBeGreaterThan(3);
  });

  it('reads back the entries of one request by its id', async () => {
    const sessionId = randomUUID();
    await repository.appendEntries([
      entry(sessionId, 2, { requestId: 'request-a' }),
      entry(sessionId, 1, { requestId: 'request-a' }),
      entry(sessionId, 3, { requestId: 'request-b' }),
      entry(null, 4, { requestId: 'request-c' }),
    ]);
    expect((await repository.getRequestEntries('request-a')).map((line) => line.time)).toEqual([at(1), at(2)]);
    expect((await repository.getRequestEntries('request-c'))[0]).toMatchObject({ sessionId: null, requestId: 'request-c' });
    expect(await repository.getRequestEntries('request-unknown')).toEqual([]);
  });

  it('marks a session failed at a step until a later event moves it on', async () => {
    const sessionId = randomUUID();
    const label = (clues: { walletName: string | null; userAgent: string | null }) => clues.walletName ?? clues.userAgent?.split('/')[0] ?? 'unknown';
    await repository.recordEvents([sessionEvent(sessionId, 'offer_created', 'offer_created', 1, { issuanceId: 'issuance-1' })]);
    const options = { labelOf: label, finalStates: ['credential_accepted'] };
    await repository.recordRequests([{ sessionId, time: at(2), failedState: 'failed_at_token', userAgent: 'WalletKit/2.1', clientId: 'client-1' }], options);
    expect((await repository.getSession(sessionId))?.session).toMatchObject({ state: 'failed_at_token', stateChangedAt: at(2), userAgent: 'WalletKit/2.1', clientId: 'client-1', walletLabel: 'WalletKit', issuanceId: 'issuance-1' });
    await repository.recordEvents([sessionEvent(sessionId, 'token_issued', 'token_issued', 3)]);
    await repository.recordRequests([{ sessionId, time: at(1), failedState: 'failed_at_offer', walletName: 'Test Wallet', dialect: 'draft-13' }], options);
    expect((await repository.getSession(sessionId))?.session).toMatchObject({ state: 'token_issued', walletName: 'Test Wallet', walletLabel: 'Test Wallet', userAgent: 'WalletKit/2.1', dialect: 'draft-13' });
    // Once the wallet accepted the credential, a later error response (a replay, say) leaves the session where it ended.
    await repository.recordEvents([sessionEvent(sessionId, 'credential_accepted', 'credential_accepted', 4)]);
    await repository.recordRequests([{ sessionId, time: at(5), failedState: 'failed_at_credential' }], options);
    expect((await repository.getSession(sessionId))?.session).toMatchObject({ state: 'credential_accepted', stateChangedAt: at(4) });
  });

  it('keeps what requests said about a session that no event announced yet, and takes the state of its first event', async () => {
    const sessionId = randomUUID();
    await repository.recordRequests(
      [
        { sessionId, time: at(5), userAgent: 'WalletKit/2.1' },
        { sessionId, time: at(6), clientId: 'client-2' },
      ],
      { labelOf: (clues) => clues.clientId ?? 'unknown', finalStates: [] },
    );
    await repository.recordEvents([sessionEvent(sessionId, 'offer_created', 'offer_created', 1)]);
    expect((await repository.getSession(sessionId))?.session).toMatchObject({ state: 'offer_created', createdAt: at(1), userAgent: 'WalletKit/2.1', clientId: 'client-2', walletLabel: 'client-2' });
  });

  it('sets and clears verbose capture on a known session only', async () => {
    const sessionId = randomUUID();
    await repository.recordEvents([sessionEvent(sessionId, 'offer_created', 'offer_created', 1)]);
    expect(await repository.setVerboseCapture(sessionId, at(50))).toBe(true);
    expect(await repository.setVerboseCapture(randomUUID(), at(50))).toBe(false);
    expect(await repository.verboseCaptureOf([sessionId, randomUUID()])).toEqual(new Map([[sessionId, at(50)]]));
    expect((await repository.getSession(sessionId))?.session?.verboseCaptureUntil).toEqual(at(50));
    await repository.setVerboseCapture(sessionId, null);
    expect(await repository.verboseCaptureOf([sessionId])).toEqual(new Map());
  });

  it('takes verbose capture from the event that asks for it, and a later request does not clear it', async () => {
    const sessionId = randomUUID();
    await repository.recordEvents([sessionEvent(sessionId, 'offer_created', 'offer_created', 1, { verboseCaptureUntil: at(40) })]);
    await repository.recordRequests([{ sessionId, time: at(5), userAgent: 'WalletKit/2.1' }], { labelOf: () => 'WalletKit', finalStates: [] });
    await repository.recordEvents([sessionEvent(sessionId, 'offer_retrieved', 'offer_retrieved', 6)]);
    expect(await repository.verboseCaptureOf([sessionId])).toEqual(new Map([[sessionId, at(40)]]));
  });

  it('records events once per consumer and event id', async () => {
    const sessionId = randomUUID();
    const handle = (eventId: string) =>
      repository.markProcessed('session-log-events', eventId, async (tx) => {
        await tx.recordEvents([sessionEvent(sessionId, 'token_issued', 'token_issued', 1)]);
      });
    const eventId = randomUUID();

    expect(await handle(eventId)).toBe(true);
    expect(await handle(eventId)).toBe(false);
    expect((await repository.getSession(sessionId))?.events).toHaveLength(1);
  });
});

const serverUrl = postgresTestServerUrl();
describe('session-log repository on PostgreSQL', () => {
  let throwaway: ThrowawayDatabase;
  let db: Database;
  let repository: SessionLogRepository;

  beforeAll(async () => {
    throwaway = await createThrowawayDatabase(serverUrl);
    db = await openDatabase({ kind: 'postgres', url: throwaway.url });
    await migrate(db, [sessionLogMigrations]);
    repository = createSessionLogRepository(db);
  }, 30_000);

  afterAll(async () => {
    await repository?.close();
    await db?.close();
    await throwaway?.drop();
  });

  it('stores wallet labels and reads verbose capture of many sessions, on the driver and inside a transaction', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    await repository.recordEvents([
      sessionEvent(first, 'offer_created', 'offer_created', 1, { verboseCaptureUntil: at(40) }),
      sessionEvent(second, 'offer_created', 'offer_created', 1),
    ]);
    const options = { labelOf: (clues: { userAgent: string | null }) => clues.userAgent ?? 'unknown', finalStates: [] };
    await repository.recordRequests([{ sessionId: first, time: at(2), userAgent: 'WalletKit/2.1' }], options);
    await repository.markProcessed('session-log-requests', randomUUID(), (tx) => tx.recordRequests([{ sessionId: second, time: at(2), userAgent: "O'Wallet {1,2}" }], options));

    expect((await repository.getSession(first))?.session?.walletLabel).toBe('WalletKit/2.1');
    expect((await repository.getSession(second))?.session?.walletLabel).toBe("O'Wallet {1,2}");
    expect(await repository.verboseCaptureOf([first, second, randomUUID()])).toEqual(new Map([[first, at(40)]]));
  });

  it('keeps times exact and sessions at their latest state', async () => {
    const sessionId = randomUUID();
    await repository.appendEntries([entry(sessionId, 2), entry(sessionId, 1)]);
    await repository.recordEvents([
      sessionEvent(sessionId, 'token_issued', 'token_issued', 3),
      sessionEvent(sessionId, 'offer_created', 'offer_created', 1, { issuanceId: 'issuance-1', credentialConfigurationIds: ['a', 'b'] }),
    ]);
    await repository.recordEvents([sessionEvent(sessionId, 'offer_retrieved', 'offer_retrieved', 2)]);

    const timeline = await repository.getSession(sessionId);
    expect(timeline?.entries.map((line) => line.time)).toEqual([at(1), at(2)]);
    expect(timeline?.entries.map((line) => line.data)).toEqual([{ second: 1 }, { second: 2 }]);
    expect(timeline?.events.map((event) => event.occurredAt)).toEqual([at(1), at(2), at(3)]);
    expect(timeline?.session).toMatchObject({
      state: 'token_issued',
      stateChangedAt: at(3),
      issuanceId: 'issuance-1',
      credentialConfigurationIds: ['a', 'b'],
      createdAt: at(1),
    });
  });
});
