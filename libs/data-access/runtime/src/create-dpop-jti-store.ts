/** What a service schema's `DpopJti` model offers through its Prisma client. */
export interface DpopJtiDelegate {
  createMany(args: { data: { jkt: string; jti: string; expiresAt: Date }[]; skipDuplicates: true }): PromiseLike<{ count: number }>;
  deleteMany(args: { where: { expiresAt: { lt: Date } } }): PromiseLike<{ count: number }>;
}

export interface DpopJtiStore {
  /** RFC 9449 Section 11.1: true the first time a key uses `jti`, false on a replay. */
  consume(jkt: string, jti: string, expiresAt: Date): Promise<boolean>;
  /** Waits for a purge still running. */
  settle(): Promise<void>;
}

export function createDpopJtiStore(dpopJti: DpopJtiDelegate, { purgeEveryMs = 60_000 } = {}): DpopJtiStore {
  let lastPurge = Date.now();
  let purging: Promise<void> = Promise.resolve();
  return {
    async consume(jkt, jti, expiresAt) {
      const { count } = await dpopJti.createMany({ data: [{ jkt, jti, expiresAt }], skipDuplicates: true });
      const now = Date.now();
      if (now - lastPurge >= purgeEveryMs) {
        lastPurge = now;
        // Off the request path; a failed purge is retried at the next interval.
        purging = Promise.resolve(dpopJti.deleteMany({ where: { expiresAt: { lt: new Date(now) } } })).then(
          () => undefined,
          () => undefined,
        );
      }
      return count === 1;
    },
    settle: () => purging,
  };
}
