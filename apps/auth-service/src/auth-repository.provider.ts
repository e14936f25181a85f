import { createAuthRepository, type AuthRepository } from '@issuer/data-access-auth';
import { DATABASE, EVENT_BUS, OutboxRelay, type EventBus } from '@issuer/nest';
import type { Database } from '@issuer/data-access-runtime';

export const AUTH_REPOSITORY = Symbol('AUTH_REPOSITORY');
export const AUTH_OUTBOX = Symbol('AUTH_OUTBOX');

export const authRepositoryProviders = [
  { provide: AUTH_REPOSITORY, useFactory: (db: Database): AuthRepository => createAuthRepository(db), inject: [DATABASE] },
  { provide: AUTH_OUTBOX, useFactory: (repo: AuthRepository, bus: EventBus) => new OutboxRelay(repo.outbox, bus, { batchSize: 200, intervalMs: 1000 }), inject: [AUTH_REPOSITORY, EVENT_BUS] },
];
