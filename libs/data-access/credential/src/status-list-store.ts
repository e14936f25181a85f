import { randomUUID } from 'node:crypto';
import { isStatusListBits, randomFreeIndex, statusListByteLength, StatusType } from '@issuer/formats';
import { changeWithOutbox, coalesceCalls, isDirectRawSql, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { Prisma } from './generated/client.js';
import type { AllocatedStatus, CredentialStatusRecord, CredentialStatusTarget, StatusListTemplate, StoredStatusList } from './status-list.js';

/** Token Status List storage in the credential schema, on the client or inside one transaction. */
export interface StatusListStore {
  /**
   * An entry at a random free index for each of `credentialIds` (the ids they are then recorded
   * under), in the oldest open list of the template's bits and size; a new list is opened when none
   * is left. No entry is ever handed out twice. In the order of `credentialIds`.
   */
  allocateCredentialStatus(credentialIds: readonly string[], template: StatusListTemplate): Promise<AllocatedStatus[]>;
  /**
   * Sets `status` for every credential of `target` in the list bytes, in one statement that writes
   * `events` when an entry changed. INVALID is final; lists whose bits cannot hold `status` keep
   * their entries.
   */
  setCredentialStatus(target: CredentialStatusTarget, status: number, events: OutgoingEvent[]): Promise<'changed' | 'unchanged'>;
  findCredentialStatus(credentialId: string): Promise<CredentialStatusRecord | null>;
  /** Whether any credential of `target` has a status list entry. */
  hasCredentialStatus(target: CredentialStatusTarget): Promise<boolean>;
  /** The list to serve, in one query. */
  findStatusList(id: string): Promise<StoredStatusList | null>;
}

// A list takes entries until three quarters are allocated: the rest stay VALID decoys hiding how
// many credentials it covers (Section 12.4), and a random probe finds a free index in at most four
// tries on average.
const OPEN_FRACTION = 0.75;
// Every round allocates or learns a taken index, so allocation ends; this only bounds a broken loop.
const MAX_ROUNDS = 1000;

// Inserts the candidates into the oldest open list; an index another credential holds is skipped,
// never handed out twice. Inserting in index order keeps concurrent batches from deadlocking.
const ALLOCATE = `WITH "list" AS (
    SELECT "id", "uri" FROM "credential"."StatusList"
    WHERE "bits" = $1 AND "size" = $2 AND "allocated" < $3
    ORDER BY "createdAt", "id"
    LIMIT 1
  ),
  "entry" AS (
    INSERT INTO "credential"."CredentialStatus" ("statusListId", "statusIndex", "credentialId")
    SELECT "list"."id", "c"."statusIndex", "c"."credentialId"
    FROM "list", jsonb_to_recordset($4::jsonb) AS "c"("credentialId" text, "statusIndex" int)
    ORDER BY "c"."statusIndex"
    ON CONFLICT ("statusListId", "statusIndex") DO NOTHING
    RETURNING "statusIndex", "credentialId"
  ),
  "counted" AS (
    UPDATE "credential"."StatusList" SET "allocated" = "allocated" + (SELECT count(*) FROM "entry")
    WHERE "id" = (SELECT "id" FROM "list")
  )
  SELECT "list"."id" AS "statusListId", "list"."uri", "entry"."statusIndex", "entry"."credentialId"
  FROM "list" LEFT JOIN "entry" ON true`;

// Section 4.1: entry i of a list of `bits` sits in byte i * bits / 8 at bit (i * bits) % 8.
const STATUS_OF_ENTRY = `(get_byte("l"."bytes", ("s"."statusIndex" * "l"."bits") / 8) >> (("s"."statusIndex" * "l"."bits") % 8)) & ((1 << "l"."bits") - 1)`;

/**
 * Locks the target's lists, in id order so concurrent changes cannot deadlock, which also makes
 * the bytes read the latest; merges the changed entries per byte, applies them one byte after the
 * other and writes each list's new bytes once.
 */
const setStatusSql = (column: 'issuanceId' | 'notificationId') => `WITH RECURSIVE "target" AS (
    SELECT DISTINCT "s"."statusListId", "s"."statusIndex"
    FROM "credential"."CredentialStatus" AS "s"
    JOIN "credential"."IssuedCredential" AS "c" ON "c"."id" = "s"."credentialId"
    WHERE "c"."${column}" = $1
  ),
  "list" AS (
    SELECT "id", "bits", "bytes" FROM "credential"."StatusList"
    WHERE "id" IN (SELECT "statusListId" FROM "target") AND $2::int < (1 << "bits")
    ORDER BY "id"
    FOR UPDATE
  ),
  "entry" AS (
    SELECT "t"."statusListId", ("t"."statusIndex" * "l"."bits") / 8 AS "byte", ("t"."statusIndex" * "l"."bits") % 8 AS "shift",
      (1 << "l"."bits") - 1 AS "mask", "l"."bytes"
    FROM "target" AS "t" JOIN "list" AS "l" ON "l"."id" = "t"."statusListId"
  ),
  "byteChange" AS (
    SELECT "statusListId", "byte", bit_or("mask" << "shift") AS "clear", bit_or($2::int << "shift") AS "set",
      row_number() OVER (PARTITION BY "statusListId" ORDER BY "byte") AS "step"
    FROM "entry"
    WHERE ((get_byte("bytes", "byte") >> "shift") & "mask") NOT IN ($2::int, ${StatusType.INVALID})
    GROUP BY "statusListId", "byte"
  ),
  "folded" ("id", "step", "bytes") AS (
    SELECT "id", 0::bigint, "bytes" FROM "list" WHERE "id" IN (SELECT "statusListId" FROM "byteChange")
    UNION ALL
    SELECT "f"."id", "b"."step", set_byte("f"."bytes", "b"."byte", (get_byte("f"."bytes", "b"."byte") & ~"b"."clear") | "b"."set")
    FROM "folded" AS "f" JOIN "byteChange" AS "b" ON "b"."statusListId" = "f"."id" AND "b"."step" = "f"."step" + 1
  )
  UPDATE "credential"."StatusList" AS "l"
  SET "bytes" = "f"."bytes", "version" = "l"."version" + 1, "updatedAt" = now()
  FROM (SELECT DISTINCT ON ("id") "id", "bytes" FROM "folded" ORDER BY "id", "step" DESC) AS "f"
  WHERE "l"."id" = "f"."id"
  RETURNING 1`;

/** Entries for `credentialIds` in the oldest open list of the template, a new list when none is left. */
async function allocateStatus(client: Prisma.TransactionClient, credentialIds: readonly string[], { bits, size, uri }: StatusListTemplate): Promise<AllocatedStatus[]> {
  // Section 13.3: a new list starts with every entry VALID.
  const byteLength = statusListByteLength(size, bits);
  const capacity = Math.max(1, Math.floor(size * OPEN_FRACTION));
  const allocated = new Map<string, AllocatedStatus>();
  // Indices known to be taken in `takenIn`, so retries probe elsewhere.
  let taken = new Set<number>();
  let takenIn: string | undefined;
  for (let round = 0; allocated.size < credentialIds.length; round++) {
    if (round === MAX_ROUNDS) throw new Error(`no free status list entries found in ${MAX_ROUNDS} rounds`);
    const candidates = credentialIds
      .filter((credentialId) => !allocated.has(credentialId))
      .map((credentialId) => {
        let statusIndex = randomFreeIndex(size, taken);
        if (statusIndex === undefined) {
          // Every index of that list is taken: the next round lands in another list.
          taken = new Set();
          takenIn = undefined;
          statusIndex = randomFreeIndex(size, taken)!;
        }
        taken.add(statusIndex);
        return { credentialId, statusIndex };
      });
    const rows = await client.$queryRawUnsafe<AllocateRow[]>(ALLOCATE, bits, size, capacity, JSON.stringify(candidates));
    const list = rows[0];
    if (!list) {
      const id = randomUUID();
      await client.statusList.create({ data: { id, uri: uri(id), bits, size, bytes: new Uint8Array(byteLength) } });
      continue;
    }
    if (list.statusListId !== takenIn) {
      taken = new Set(candidates.map((candidate) => candidate.statusIndex));
      takenIn = list.statusListId;
    }
    for (const { credentialId, statusIndex } of rows) {
      if (credentialId === null || statusIndex === null) continue;
      allocated.set(credentialId, { credentialId, statusListId: list.statusListId, uri: list.uri, idx: statusIndex });
    }
  }
  return credentialIds.map((credentialId) => allocated.get(credentialId)!);
}

interface AllocateRow {
  statusListId: string;
  uri: string;
  statusIndex: number | null;
  credentialId: string | null;
}

export function statusListStore(client: Prisma.TransactionClient): StatusListStore {
  const allocate: Allocate = (credentialIds, template) => allocateStatus(client, credentialIds, template);
  const allocateInTurn = isDirectRawSql(client) ? allocatingTogether(allocate) : allocate;
  return {
    async allocateCredentialStatus(credentialIds, template) {
      if (new Set(credentialIds).size !== credentialIds.length) throw new Error('each credential gets one status list entry; credentialIds repeat');
      return allocateInTurn(credentialIds, template);
    },

    async setCredentialStatus(target, status, events) {
      if (!Number.isInteger(status) || status < 0 || status > 255) throw new RangeError(`status ${status} is not a Status Type (0 to 255)`);
      const [column, value] = 'issuanceId' in target ? (['issuanceId', target.issuanceId] as const) : (['notificationId', target.notificationId] as const);
      const changed = await changeWithOutbox(client, 'credential', { sql: setStatusSql(column), params: [value, status] }, events);
      return changed > 0 ? 'changed' : 'unchanged';
    },

    async hasCredentialStatus(target) {
      const [column, value] = 'issuanceId' in target ? (['issuanceId', target.issuanceId] as const) : (['notificationId', target.notificationId] as const);
      const [row] = await client.$queryRawUnsafe<Array<{ found: boolean }>>(
        `SELECT EXISTS (
           SELECT 1 FROM "credential"."CredentialStatus" AS "s"
           JOIN "credential"."IssuedCredential" AS "c" ON "c"."id" = "s"."credentialId"
           WHERE "c"."${column}" = $1
         ) AS "found"`,
        value,
      );
      return row?.found === true;
    },

    async findCredentialStatus(credentialId) {
      const [row] = await client.$queryRawUnsafe<CredentialStatusRecord[]>(
        `SELECT "s"."credentialId", "s"."statusListId", "l"."uri", "s"."statusIndex" AS "idx", ${STATUS_OF_ENTRY} AS "status"
         FROM "credential"."CredentialStatus" AS "s"
         JOIN "credential"."StatusList" AS "l" ON "l"."id" = "s"."statusListId"
         WHERE "s"."credentialId" = $1`,
        credentialId,
      );
      return row ?? null;
    },

    async findStatusList(id) {
      // Raw SQL rather than findUnique: the driver adapter decodes bytea one hex digit at a time, and
      // every verifier that checks a credential's status fetches its list (see directRawSql).
      const [list] = await client.$queryRawUnsafe<Array<Omit<StoredStatusList, 'bits'> & { bits: number }>>(
        `SELECT "id", "uri", "bits", "size", "bytes", "version", "updatedAt" FROM "credential"."StatusList" WHERE "id" = $1`,
        id,
      );
      if (!list) return null;
      if (!isStatusListBits(list.bits)) throw new Error(`status list ${id} has ${list.bits} bits per entry; only 1, 2, 4 and 8 exist`);
      return { ...list, bits: list.bits };
    },
  };
}

type Allocate = (credentialIds: readonly string[], template: StatusListTemplate) => Promise<AllocatedStatus[]>;

interface AllocationRequest {
  credentialIds: readonly string[];
  template: StatusListTemplate;
}

type Outcome = { ok: true; statuses: AllocatedStatus[] } | { ok: false; error: unknown };

/**
 * The allocations requested in one turn of the event loop for the same kind of list share one
 * statement per round (`coalesceCalls`): one credential response after another would otherwise
 * each pay for its own. Should a shared allocation fail, each request runs again on its own, so
 * only a request that fails alone sees an error.
 */
function allocatingTogether(allocate: Allocate): Allocate {
  const allocateRequest = async ({ credentialIds, template }: AllocationRequest): Promise<Outcome> => {
    try {
      return { ok: true, statuses: await allocate(credentialIds, template) };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const allocateGroup = async (group: AllocationRequest[]): Promise<Outcome[]> => {
    if (group.length === 1) return [await allocateRequest(group[0]!)];
    const shared = await allocateRequest({ credentialIds: group.flatMap((request) => request.credentialIds), template: group[0]!.template });
    if (!shared.ok) return Promise.all(group.map(allocateRequest));
    let offset = 0;
    return group.map((request) => ({ ok: true, statuses: shared.statuses.slice(offset, (offset += request.credentialIds.length)) }));
  };
  const coalesced = coalesceCalls(async (requests: AllocationRequest[]) => {
    const outcomes = new Map<AllocationRequest, Outcome>();
    await Promise.all(
      groupsOf(requests).map(async (group) => {
        const results = await allocateGroup(group);
        group.forEach((request, index) => outcomes.set(request, results[index]!));
      }),
    );
    return requests.map((request) => outcomes.get(request)!);
  });
  return async (credentialIds, template) => {
    const outcome = await coalesced({ credentialIds, template });
    if (!outcome.ok) throw outcome.error;
    return outcome.statuses;
  };
}

/** Requests for lists of the same bits, size and URI, no credential id twice in a group. */
function groupsOf(requests: AllocationRequest[]): AllocationRequest[][] {
  const open = new Map<string, { requests: AllocationRequest[]; ids: Set<string> }>();
  const groups: AllocationRequest[][] = [];
  for (const request of requests) {
    const key = `${request.template.bits}/${request.template.size}/${request.template.uri('')}`;
    let group = open.get(key);
    if (!group || request.credentialIds.some((id) => group!.ids.has(id))) {
      group = { requests: [], ids: new Set() };
      open.set(key, group);
      groups.push(group.requests);
    }
    group.requests.push(request);
    for (const id of request.credentialIds) group.ids.add(id);
  }
  return groups;
}
