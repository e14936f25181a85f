/**
 * Interactive transaction limits for every service's Prisma client. Embedded, all services share
 * one PGlite connection, so a transaction may queue behind others for longer than Prisma's 2 s.
 */
export const transactionOptions = { maxWait: 10_000, timeout: 10_000 } as const;
