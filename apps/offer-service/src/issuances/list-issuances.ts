import { Inject, Injectable } from '@nestjs/common';
import type { zIssuancePage } from '@issuer/contracts-routes';
import type { OfferRepository } from '@issuer/data-access-offer';
import { PLATFORM_CONFIG, parseWithSchema, type PlatformConfig } from '@issuer/nest';
import type { z } from 'zod';
import { OFFER_REPOSITORY } from '../offer-repository.provider.js';
import { encodeIssuanceCursor } from './issuance-cursor.js';
import { issuanceResource } from './issuance-resource.js';
import { zListIssuancesQuery } from './z-list-issuances-query.js';

/** `GET /admin/v1/issuances`: newest first, a page at a time; `next_cursor` continues where the page ended. */
@Injectable()
export class ListIssuances {
  constructor(
    @Inject(OFFER_REPOSITORY) private readonly repository: OfferRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute(rawQuery: unknown): Promise<z.infer<typeof zIssuancePage>> {
    const query = parseWithSchema(zListIssuancesQuery, rawQuery ?? {}, {
      what: 'query',
      help: 'Filter by status, credential_configuration_id, grant_type, session_id, created_after and created_before (ISO 8601 with offset); page with limit and the cursor of the previous page’s next_cursor.',
    });
    const page = await this.repository.listIssuances({
      limit: query.limit,
      after: query.cursor ?? null,
      filter: {
        status: query.status,
        credentialConfigurationId: query.credential_configuration_id,
        grantType: query.grant_type,
        sessionId: query.session_id,
        createdAfter: query.created_after,
        createdBefore: query.created_before,
      },
    });
    return { items: page.items.map((issuance) => issuanceResource(issuance, this.config)), next_cursor: page.next && encodeIssuanceCursor(page.next) };
  }
}
