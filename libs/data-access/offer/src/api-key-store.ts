import type { PrismaClient } from './generated/client.js';

export type ApiKeyScope = 'read' | 'write' | 'admin';

export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** SHA-256 of the key's secret, hex; the secret itself is never stored. */
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface ApiKeyStore {
  createApiKey(key: Pick<ApiKey, 'id' | 'name' | 'scopes' | 'secretHash'>): Promise<ApiKey>;
  findApiKey(id: string): Promise<ApiKey | null>;
  /** Oldest first, revoked ones included. */
  listApiKeys(): Promise<ApiKey[]>;
  /** Sets revokedAt once (a key revoked before keeps its first revocation time); null when there is no such key. */
  revokeApiKey(id: string, at: Date): Promise<ApiKey | null>;
  recordApiKeyUse(id: string, at: Date): Promise<void>;
}

export function apiKeyStore(prisma: PrismaClient): ApiKeyStore {
  return {
    createApiKey: async (key) => toApiKey(await prisma.apiKey.create({ data: key })),
    findApiKey: async (id) => {
      const row = await prisma.apiKey.findUnique({ where: { id } });
      return row && toApiKey(row);
    },
    listApiKeys: async () => (await prisma.apiKey.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toApiKey),
    revokeApiKey: async (id, at) => {
      await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
      const row = await prisma.apiKey.findUnique({ where: { id } });
      return row && toApiKey(row);
    },
    recordApiKeyUse: async (id, at) => {
      await prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
    },
  };
}

function toApiKey(row: { id: string; name: string; scopes: string[]; secretHash: string; createdAt: Date; revokedAt: Date | null; lastUsedAt: Date | null }): ApiKey {
  return { ...row, scopes: row.scopes as ApiKeyScope[] };
}
