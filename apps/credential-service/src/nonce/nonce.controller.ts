import { Controller, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { CLOCK, PLATFORM_CONFIG, PLATFORM_SECRETS, Timeline, type Clock, type PlatformConfig, type PlatformSecrets, type RequestTimeline } from '@issuer/nest';
import { createCNonce } from '@issuer/protocol-oid4vci';

/** OID4VCI 1.0 Section 7: a fresh c_nonce, sealed so no state is kept (ARCHITECTURE.md principle 8). */
@Controller('nonce')
export class NonceController {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  nonce(@Timeline() timeline: RequestTimeline) {
    const c_nonce = createCNonce({ secret: this.secrets.nonceSecret, now: this.now(), ttlSeconds: this.config.cNonceTtlSeconds });
    timeline.info('c_nonce issued', { ttl_seconds: this.config.cNonceTtlSeconds });
    return { c_nonce };
  }
}
