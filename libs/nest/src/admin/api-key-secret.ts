import { createHash, randomBytes } from 'node:crypto';

/** A management API key as sent: `isk_<id>.<secret>`, the id to find the key by, the secret 256 random bits. */
export interface NewApiKey {
  id: string;
  key: string;
  secretHash: string;
}

const KEY_PATTERN = /^isk_([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;

export function newApiKey(): NewApiKey {
  const id = randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `isk_${id}.${secret}`, secretHash: hashApiKeySecret(secret) };
}

/** The id and the hash of the secret of a key in the issued format; null for anything else. */
export function parseApiKey(key: string): { id: string; secretHash: string } | null {
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], secretHash: hashApiKeySecret(match[2]) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
