import type { ApiKey, ApiKeyScope, ApiKeyStore } from '@issuer/data-access-offer';
import { newApiKey } from '@issuer/nest';
import type { z } from 'zod';
import type { zApiKey, zCreatedApiKey } from '@issuer/contracts-routes';

/**
 * Creating, listing and revoking management API keys, for the API and for the CLI
 * (`npm run api-key`) alike. Only the SHA-256 of a key's secret is stored.
 */
export async function createApiKey(store: ApiKeyStore, request: { name: string; scopes: ApiKeyScope[] }): Promise<z.infer<typeof zCreatedApiKey>> {
  const { id, key, secretHash } = newApiKey();
  const stored = await store.createApiKey({ id, name: request.name, scopes: [...new Set(request.scopes)], secretHash });
  return { ...apiKeyView(stored), key };
}

export async function listApiKeys(store: ApiKeyStore): Promise<Array<z.infer<typeof zApiKey>>> {
  return (await store.listApiKeys()).map(apiKeyView);
}

/** Null when there is no such key; revoking a revoked key changes nothing. */
export async function revokeApiKey(store: ApiKeyStore, id: string): Promise<z.infer<typeof zApiKey> | null> {
  const revoked = await store.revokeApiKey(id, new Date());
  return revoked && apiKeyView(revoked);
}

export function apiKeyView(key: ApiKey): z.infer<typeof zApiKey> {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    created_at: key.createdAt.toISOString(),
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
  };
}
