import { EnvKeyStore, FileKeyStore, type Environment, type KeyStore } from '@issuer/crypto';
import type { PlatformConfig } from '../config/platform-config.js';

/**
 * Keys from the environment when the operator gives them (`ISSUER_KEY_ACCESS_TOKEN`, `_CREDENTIAL`,
 * `_METADATA`, see libs/crypto/README.md), else generated under KEYS_DIR with a development IACA.
 */
export function createKeyStore(config: Pick<PlatformConfig, 'keysDir' | 'publicUrl'>, env: Environment = process.env): KeyStore {
  return env['ISSUER_KEY_CREDENTIAL'] !== undefined ? new EnvKeyStore(env) : new FileKeyStore(config.keysDir, { issuerUrl: config.publicUrl });
}
