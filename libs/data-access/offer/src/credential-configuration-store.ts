import { changeWithOutbox, type OutgoingEvent } from '@issuer/data-access-runtime';
import type { CredentialConfiguration as CredentialConfigurationRow, PrismaClient } from './generated/client.js';

/** A credential configuration the management API stored; `configuration` is validated by the service before use. */
export interface StoredCredentialConfiguration {
  id: string;
  configuration: Record<string, unknown>;
  disabled: boolean;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CredentialConfigurationChange = Pick<StoredCredentialConfiguration, 'id' | 'configuration' | 'disabled' | 'revision'>;

export interface CredentialConfigurationStore {
  /** Oldest first. */
  listCredentialConfigurations(): Promise<StoredCredentialConfiguration[]>;
  findCredentialConfiguration(id: string): Promise<StoredCredentialConfiguration | null>;
  /**
   * Stores revision `change.revision` with its events in one statement, when the stored revision is
   * the one before (nothing stored, for revision 1); false, and nothing written, when another change came first.
   */
  saveCredentialConfiguration(change: CredentialConfigurationChange, events: OutgoingEvent[]): Promise<boolean>;
}

export function credentialConfigurationStore(prisma: PrismaClient): CredentialConfigurationStore {
  return {
    listCredentialConfigurations: async () =>
      (await prisma.credentialConfiguration.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toStored),

    findCredentialConfiguration: async (id) => {
      const row = await prisma.credentialConfiguration.findUnique({ where: { id } });
      return row && toStored(row);
    },

    saveCredentialConfiguration: async ({ id, configuration, disabled, revision }, events) => {
      const params = [id, JSON.stringify(configuration), disabled, revision, new Date()];
      const sql =
        revision === 1
          ? `INSERT INTO "offer"."CredentialConfiguration" ("id", "configuration", "disabled", "revision", "createdAt", "updatedAt")
             VALUES ($1, $2::jsonb, $3, $4, $5, $5)
             ON CONFLICT ("id") DO NOTHING
             RETURNING 1`
          : `UPDATE "offer"."CredentialConfiguration"
                SET "configuration" = $2::jsonb, "disabled" = $3, "revision" = $4, "updatedAt" = $5
              WHERE "id" = $1 AND "revision" = $4 - 1
             RETURNING 1`;
      return (await changeWithOutbox(prisma, 'offer', { sql, params }, events)) === 1;
    },
  };
}

function toStored(row: CredentialConfigurationRow): StoredCredentialConfiguration {
  return {
    id: row.id,
    configuration: row.configuration as Record<string, unknown>,
    disabled: row.disabled,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
