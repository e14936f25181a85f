import { z } from 'zod';

export const zApiKeyScope = z.enum(['read', 'write', 'admin']).describe('read: GET routes; write: every change (implies read); admin: key management (implies write)');

/** `POST /admin/v1/api-keys`. */
export const zCreateApiKeyRequest = z
  .object({
    name: z.string().trim().min(1).max(100).describe('What the key is for, to recognise it in the list'),
    scopes: z.array(zApiKeyScope).min(1),
  })
  .strict();

/** A stored key as listed: never its secret. */
export const zApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(zApiKeyScope),
  created_at: z.iso.datetime(),
  revoked_at: z.iso.datetime().nullable(),
  last_used_at: z.iso.datetime().nullable().describe('When the key was last verified; up to a few seconds behind its last use'),
});

/** The answer to its creation, the only one that carries the key. */
export const zCreatedApiKey = zApiKey.extend({
  key: z.string().describe('The key to send as `Authorization: Bearer <key>`; shown once, only its hash is stored'),
});

export const zApiKeyList = z.array(zApiKey);
