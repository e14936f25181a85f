import type { Database } from '@issuer/data-access-runtime';
import { createSessionLogRepository, type SessionLogRepository } from '@issuer/data-access-session-log';
import { DATABASE } from '@issuer/nest';

export const SESSION_LOG_REPOSITORY = Symbol('SESSION_LOG_REPOSITORY');

export const sessionLogRepositoryProvider = {
  provide: SESSION_LOG_REPOSITORY,
  useFactory: (db: Database): SessionLogRepository => createSessionLogRepository(db),
  inject: [DATABASE],
};
