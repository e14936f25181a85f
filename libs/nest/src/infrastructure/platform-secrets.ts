import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PlatformSecrets {
  /** Seals c_nonce values (stateless, OID4VCI 1.0 Section 7) and other short-lived artefacts. */
  nonceSecret: string;
}

/**
 * Every process of one deployment must seal and open the same nonces, so the secret comes from
 * the environment (NONCE_SECRET, in a cluster from a Secret) or from the shared keys directory.
 */
export function loadPlatformSecrets(keysDir: string, env: NodeJS.ProcessEnv = process.env): PlatformSecrets {
  if (env['NONCE_SECRET']) return { nonceSecret: env['NONCE_SECRET'] };
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = join(keysDir, 'nonce-secret');
  try {
    return { nonceSecret: readFileSync(file, 'utf8').trim() };
  } catch {
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return { nonceSecret: secret };
    } catch {
      return { nonceSecret: readFileSync(file, 'utf8').trim() };
    }
  }
}
