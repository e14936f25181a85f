import { sha256Base64url } from '@issuer/crypto';

/** SHA-256, base64url: how codes and transaction codes are stored, so a database leak reveals none. */
export function hashSecret(value: string): string {
  return sha256Base64url(value);
}
