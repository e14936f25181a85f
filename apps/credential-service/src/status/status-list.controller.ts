import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import type { CredentialRepository } from '@issuer/data-access-credential';
import type { KeyStore } from '@issuer/crypto';
import { signStatusListToken, STATUS_LIST_JWT_TYPE } from '@issuer/formats';
import { CLOCK, KEY_STORE, type Clock } from '@issuer/nest';
import { notFound } from '@issuer/protocol-errors';
import type { FastifyReply } from 'fastify';
import { CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';

// Token Status List Section 5.1: how long a verifier may cache the token before fetching it again.
const TTL_SECONDS = 300;
// Token Status List, "Status List Update Interval and Caching": `exp` says when a fetched token must no longer be relied upon; tokens are signed per request.
const VALIDITY_SECONDS = 24 * 3600;

/** Token Status List Section 8: the Status List Token of a list, signed on request with the credential key. */
@Controller('status-lists')
export class StatusListController {
  constructor(
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  @Get(':id')
  @Header('Cache-Control', `max-age=${TTL_SECONDS}`)
  async statusList(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const list = await this.repository.findStatusList(id);
    if (!list) throw notFound({ reason: `No status list has id ${id}.`, help: 'Use the uri of the status_list claim of a credential this issuer signed.', specRef: 'Token Status List Section 8.1' });
    const signingKey = await this.keys.signingKey('credential');
    void reply.header('content-type', `application/${STATUS_LIST_JWT_TYPE}`);
    const now = this.now();
    return signStatusListToken({ list, uri: list.uri, signingKey, now, ttl: TTL_SECONDS, exp: now + VALIDITY_SECONDS });
  }
}
