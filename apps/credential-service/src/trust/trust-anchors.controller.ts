import { Controller, Get, Header, Inject, UseGuards } from '@nestjs/common';
import type { zTrustAnchors } from '@issuer/contracts-routes';
import type { KeyStore } from '@issuer/crypto';
import type { z } from 'zod';
import { AdminApiKeyGuard, KEY_STORE } from '@issuer/nest';

/**
 * The roots verifiers need to trust this issuer's credentials: the IACA of its mdocs (ISO 18013-5
 * Annex B) and the anchor of its SD-JWT VC `x5c` chains (HAIP 1.0), as PEM. Operators hand them to
 * verifiers out of band; the list is empty when the deployment brings its own PKI without one.
 */
@Controller('admin/v1/trust-anchors')
@UseGuards(AdminApiKeyGuard)
export class TrustAnchorsController {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async trustAnchors() {
    return { trust_anchors: (await this.keys.trustAnchors?.()) ?? [] } satisfies z.infer<typeof zTrustAnchors>;
  }
}
