import { Body, Controller, Header, Inject, Post, Req, Res } from '@nestjs/common';
import type { DeferredRepository } from '@issuer/data-access-deferred';
import { CLOCK, headerValues, PLATFORM_CONFIG, parseWithSchema, ProtectedResource, Timeline, type Clock, type PlatformConfig, type RequestTimeline } from '@issuer/nest';
import { invalidTransactionId } from '@issuer/protocol-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DEFERRED_REPOSITORY } from '../deferred-repository.provider.js';

const zDeferredCredentialRequest = z.object({ transaction_id: z.string().min(1) });

/** OID4VCI 1.0 Section 9: the deferred credential endpoint. */
@Controller('deferred_credential')
export class DeferredCredentialController {
  constructor(
    private readonly protectedResource: ProtectedResource,
    @Inject(DEFERRED_REPOSITORY) private readonly repository: DeferredRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Post()
  @Header('Cache-Control', 'no-store')
  async deferred(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Timeline() timeline: RequestTimeline) {
    const token = await this.protectedResource.authenticate({
      authorization: headerValues(request, 'authorization'),
      dpop: headerValues(request, 'dpop'),
      htm: 'POST',
      htu: `${this.config.publicUrl}/deferred_credential`,
      now: this.now(),
      timeline,
    });
    const { transaction_id } = parseWithSchema(zDeferredCredentialRequest, body, {
      what: 'deferred credential request',
      help: 'Send { "transaction_id": "..." } as returned by the credential endpoint.',
      specRef: 'OID4VCI 1.0 Section 9.1',
    });
    const transaction = await this.repository.findTransaction(transaction_id);
    if (!transaction || transaction.sessionId !== token.sid || transaction.redeemedAt) {
      throw invalidTransactionId({
        reason: transaction?.redeemedAt ? `transaction_id ${transaction_id} was already redeemed.` : `transaction_id ${transaction_id} is unknown in this session.`,
        help: 'Send the transaction_id from the credential response of this session; a delivered credential cannot be fetched again.',
        specRef: 'OID4VCI 1.0 Section 9.3',
      });
    }
    // OID4VCI 1.0 Section 9.2: not ready yet, ask again after `interval` seconds.
    void reply.status(202);
    return { transaction_id, interval: 5 };
  }
}
