import { authMigrations } from '@issuer/data-access-auth';
import { credentialMigrations } from '@issuer/data-access-credential';
import { deferredMigrations } from '@issuer/data-access-deferred';
import { offerMigrations } from '@issuer/data-access-offer';
import type { ServiceMigrations } from '@issuer/data-access-runtime';
import { sessionLogMigrations } from '@issuer/data-access-session-log';

/** Every service's committed migrations, each applied to its own Postgres schema. */
export const allMigrations: ServiceMigrations[] = [offerMigrations, authMigrations, credentialMigrations, deferredMigrations, sessionLogMigrations];
