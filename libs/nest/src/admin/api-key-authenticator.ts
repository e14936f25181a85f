import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, type VerifyApiKeyReplyV1 } from '@issuer/contracts-events';
import { temporarilyUnavailable } from '@issuer/protocol-errors';
import type { PlatformConfig } from '../config/platform-config.js';
import { COMMAND_BUS, PLATFORM_CONFIG } from '../infrastructure/tokens.js';
import type { CommandBus } from '../messaging/bus.js';
import type { AdminScope } from './admin-scope.js';
import { parseApiKey } from './api-key-secret.js';

export type ApiKeyCheck = { ok: true; keyId: string; scopes: readonly AdminScope[] } | { ok: false; failure: 'unknown' | 'revoked' };

/** How long a verified key is taken without asking the offer-service again; a revocation reaches other processes within this time. */
export const API_KEY_CACHE_SECONDS = 10;
const CACHE_LIMIT = 1_000;

/**
 * Who a management API key belongs to: the bootstrap key (ADMIN_API_KEY) with the admin scope, or
 * a stored key, verified by the offer-service that owns them (a command) and kept briefly.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly bootstrap: Buffer | null;
  private readonly verified = new Map<string, { keyId: string; scopes: readonly AdminScope[]; until: number }>();

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(COMMAND_BUS) private readonly commands: CommandBus,
  ) {
    this.bootstrap = config.adminApiKey ? sha256(config.adminApiKey) : null;
  }

  async check(key: string): Promise<ApiKeyCheck> {
    if (this.bootstrap && timingSafeEqual(sha256(key), this.bootstrap)) return { ok: true, keyId: 'bootstrap', scopes: ['admin'] };
    const parsed = parseApiKey(key);
    if (!parsed) return { ok: false, failure: 'unknown' };
    const cacheKey = `${parsed.id}.${parsed.secretHash}`;
    const cached = this.verified.get(cacheKey);
    if (cached && cached.until > Date.now()) return { ok: true, keyId: cached.keyId, scopes: cached.scopes };
    this.verified.delete(cacheKey);
    const reply = await this.verify(parsed.id, parsed.secretHash);
    if ('error' in reply) return { ok: false, failure: reply.error };
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(cacheKey, { keyId: parsed.id, scopes: reply.scopes, until: Date.now() + API_KEY_CACHE_SECONDS * 1000 });
    return { ok: true, keyId: parsed.id, scopes: reply.scopes };
  }

  /** Drops what this process verified of a key, at once (a revocation). */
  forget(keyId: string): void {
    for (const [cacheKey, entry] of this.verified) if (entry.keyId === keyId) this.verified.delete(cacheKey);
  }

  private async verify(keyId: string, secretHash: string): Promise<VerifyApiKeyReplyV1> {
    const command = createEnvelope({ type: commands.verifyApiKey, version: 1, sessionId: null, data: { keyId, secretHash } });
    try {
      return await this.commands.request<VerifyApiKeyReplyV1>(commands.verifyApiKey, command, { timeoutMs: 5000 });
    } catch (cause) {
      throw temporarilyUnavailable({ reason: 'The offer-service, which keeps the API keys, did not answer.', help: 'Retry the request shortly; the bootstrap key (ADMIN_API_KEY) works without it.', cause });
    }
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
