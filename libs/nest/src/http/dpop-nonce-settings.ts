import type { DpopNonceSettings } from '@issuer/protocol-oauth2';
import type { PlatformConfig } from '../config/platform-config.js';
import type { PlatformSecrets } from '../infrastructure/platform-secrets.js';

/** RFC 9449 Sections 8 and 9: the server nonce settings when DPOP_NONCE is on, else undefined. */
export function dpopNonceSettings(config: Pick<PlatformConfig, 'dpopNonce' | 'dpopNonceTtlSeconds'>, secrets: PlatformSecrets): DpopNonceSettings | undefined {
  return config.dpopNonce ? { secret: secrets.nonceSecret, ttlSeconds: config.dpopNonceTtlSeconds } : undefined;
}
