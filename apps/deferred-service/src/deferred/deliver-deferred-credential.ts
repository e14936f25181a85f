import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, subjects, type IssueDeferredCredentialReplyV1 } from '@issuer/contracts-events';
import type { DeferredRepository, DeferredTransaction } from '@issuer/data-access-deferred';
import {
  CLOCK,
  COMMAND_BUS,
  CredentialEncryption,
  OutboxRelay,
  PLATFORM_CONFIG,
  ProtectedResource,
  currentTraceparent,
  readableBody,
  type Clock,
  type CommandBus,
  type EncryptedCredentialResponse,
  type PlatformConfig,
  type RequestTimeline,
} from '@issuer/nest';
import { describeIssuedCredential } from '@issuer/formats';
import { invalidCredentialRequest, isProtocolError, temporarilyUnavailable } from '@issuer/protocol-errors';
import {
  buildCredentialResponse,
  buildDeferredIssuanceResponse,
  checkDeferredTransaction,
  parseDeferredCredentialRequest,
  type CredentialResponseEncryption,
  type DeferredTransactionState,
} from '@issuer/protocol-oid4vci';
import { DEFERRED_OUTBOX, DEFERRED_REPOSITORY } from '../deferred-repository.provider.js';

export interface DeferredCredentialCall {
  body: unknown;
  authorization: string[];
  dpop: string[];
  timeline: RequestTimeline;
}

/** OID4VCI 1.0 Section 9.2: 200 with the credentials, or 202 while they are not ready; either may be encrypted. */
export interface DeferredCredentialResponse {
  status: 200 | 202;
  body: object | EncryptedCredentialResponse;
}

/**
 * OID4VCI 1.0 Section 9: the wallet presents its transaction_id with the access token of its
 * session. Until the operator supplies the claims it gets 202 again; then the one request that
 * redeems the transaction gets the credentials, signed by the credential-service for the holder keys
 * kept with the transaction, and the transaction_id is spent.
 */
@Injectable()
export class DeliverDeferredCredential {
  constructor(
    private readonly protectedResource: ProtectedResource,
    private readonly encryption: CredentialEncryption,
    @Inject(DEFERRED_REPOSITORY) private readonly repository: DeferredRepository,
    @Inject(DEFERRED_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async execute(call: DeferredCredentialCall): Promise<DeferredCredentialResponse> {
    const { timeline } = call;
    const token = await this.protectedResource.authenticate({
      authorization: call.authorization,
      dpop: call.dpop,
      htm: 'POST',
      htu: `${this.config.publicUrl}/deferred_credential`,
      now: this.now(),
      timeline,
    });
    const body = readableBody(call.body, invalidCredentialRequest, { help: 'Send the request as a JSON object with Content-Type application/json, or encrypted as application/jwt', specRef: 'OID4VCI 1.0 Section 9.1' });
    const opened = await this.encryption.open(body, timeline);
    const request = parseDeferredCredentialRequest(opened.body);
    if (request.unknownMembers.length > 0) timeline.debug('Deferred credential request members ignored', { members: request.unknownMembers });
    await this.encryption.check(request.credentialResponseEncryption, opened.encrypted);
    const transactionId = request.transaction_id;
    const context = { sessionId: token.sid };

    let transaction = await this.repository.findTransaction(transactionId);
    if (checkDeferredTransaction(transactionId, transaction && stateOf(transaction), context) === 'ready') {
      if (await this.repository.redeem(transactionId)) return this.issue(transaction as DeferredTransaction, request.credentialResponseEncryption, timeline);
      // Another request redeemed it, or the issuance was denied, in the meantime: answer as things are now.
      transaction = await this.repository.findTransaction(transactionId);
      checkDeferredTransaction(transactionId, transaction && stateOf(transaction), context);
    }
    return this.notYet(transactionId, request.credentialResponseEncryption, timeline, transaction?.readyAt);
  }

  private async issue(transaction: DeferredTransaction, encryption: CredentialResponseEncryption | undefined, timeline: RequestTimeline): Promise<DeferredCredentialResponse> {
    const { transactionId } = transaction;
    const reply = await this.requestSigning(transaction);
    if (reply.outcome !== 'issued') {
      await this.repository.releaseRedemption(transactionId);
      const state = { ...stateOf(transaction), ready: false, denialReason: reply.outcome === 'denied' ? reply.reason : null };
      checkDeferredTransaction(transactionId, state, { sessionId: transaction.sessionId });
      return this.notYet(transactionId, encryption, timeline);
    }
    timeline.info('Deferred credential issued', {
      transaction_id: transactionId,
      credential_configuration_id: transaction.credentialConfigurationId,
      count: reply.credentials.length,
      notification_id: reply.notificationId,
      credentials: reply.credentials.map((item) => describeIssuedCredential(item.credential)),
    });
    const response = buildCredentialResponse({ credentials: reply.credentials.map((item) => item.credential), notificationId: reply.notificationId });
    const body = await this.encryption.seal(response, encryption);
    await this.recordDelivery(transaction);
    return { status: 200, body };
  }

  // The holder has the credentials now: the issuance record moves to credential_acked.
  private async recordDelivery(transaction: DeferredTransaction): Promise<void> {
    const { transactionId, issuanceId, credentialConfigurationId, sessionId } = transaction;
    const event = createEnvelope({ traceparent: currentTraceparent(), type: subjects.credentialAcked, version: 1, sessionId, data: { issuanceId, credentialConfigurationId, transactionId } });
    const events = [{ subject: event.type, envelope: event }];
    if (await this.repository.recordDelivery(transactionId, events)) void this.outbox.publishCommitted(events);
  }

  private async requestSigning(transaction: DeferredTransaction): Promise<IssueDeferredCredentialReplyV1> {
    const command = createEnvelope({
      traceparent: currentTraceparent(),
      type: commands.issueDeferredCredential,
      version: 1,
      sessionId: transaction.sessionId,
      data: {
        sessionId: transaction.sessionId,
        transactionId: transaction.transactionId,
        credentialConfigurationId: transaction.credentialConfigurationId,
        holderJwks: transaction.holderJwks as Array<Record<string, unknown>>,
      },
    });
    try {
      return await this.commandBus.request<IssueDeferredCredentialReplyV1>(commands.issueDeferredCredential, command, { timeoutMs: 10_000 });
    } catch (cause) {
      // Nothing was delivered: the transaction is ready again for the wallet's next request.
      await this.repository.releaseRedemption(transaction.transactionId);
      if (isProtocolError(cause)) throw cause;
      throw temporarilyUnavailable({
        reason: 'The credential-service did not sign the deferred credential.',
        help: `Send the deferred credential request again after ${this.config.deferredIntervalSeconds} seconds; the transaction_id is still valid.`,
        cause,
      });
    }
  }

  // OID4VCI 1.0 Section 9.2: the same transaction_id, and how long to wait before asking again.
  private async notYet(transactionId: string, encryption: CredentialResponseEncryption | undefined, timeline: RequestTimeline, readyAt?: Date | null): Promise<DeferredCredentialResponse> {
    const interval = this.config.deferredIntervalSeconds;
    if (readyAt) timeline.info('Deferred credential not ready: the deferred_ready_after test behaviour holds it back', { transaction_id: transactionId, interval, ready_at: readyAt.toISOString() });
    else timeline.info('Deferred credential not ready: the issuer has not supplied its claims yet', { transaction_id: transactionId, interval });
    return { status: 202, body: await this.encryption.seal(buildDeferredIssuanceResponse({ transactionId, interval }), encryption) };
  }
}

function stateOf(transaction: DeferredTransaction): DeferredTransactionState {
  return { sessionId: transaction.sessionId, redeemed: transaction.status === 'redeemed', ready: transaction.ready, denialReason: transaction.denialReason };
}
