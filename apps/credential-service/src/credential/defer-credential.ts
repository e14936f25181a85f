import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, type CreateDeferredTransactionReplyV1 } from '@issuer/contracts-events';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { COMMAND_BUS, currentTraceparent, type CommandBus } from '@issuer/nest';
import { temporarilyUnavailable } from '@issuer/protocol-errors';
import { CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';
import { keyProofUsedBefore, type HolderKey } from './sign-credentials.js';

export interface DeferCredentialInput {
  sessionId: string;
  issuanceId: string;
  credentialConfigurationId: string;
  holders: readonly HolderKey[];
  /** The deferred_ready_after test behaviour: the credentials may be delivered from then on, claims being known. */
  readyAt?: string;
}

/**
 * OID4VCI 1.0 Section 8.3: a checked credential request whose claims are not there yet. Its key
 * proofs are used up here, as if the credentials were issued, and the deferred-service keeps the
 * holder keys under a transaction_id until it delivers the credentials (Section 9).
 */
@Injectable()
export class DeferCredential {
  constructor(
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
  ) {}

  async execute(input: DeferCredentialInput): Promise<CreateDeferredTransactionReplyV1> {
    const proofHashes = input.holders.flatMap((holder) => (holder.proofHash ? [holder.proofHash] : []));
    if (!(await this.repository.useKeyProofs(proofHashes, input.sessionId))) throw keyProofUsedBefore();
    const command = createEnvelope({
      traceparent: currentTraceparent(),
      type: commands.createDeferredTransaction,
      version: 1,
      sessionId: input.sessionId,
      data: {
        sessionId: input.sessionId,
        issuanceId: input.issuanceId,
        credentialConfigurationId: input.credentialConfigurationId,
        holderJwks: input.holders.map((holder) => holder.holderJwk as Record<string, unknown>),
        ...(input.readyAt && { readyAt: input.readyAt }),
      },
    });
    try {
      return await this.commandBus.request<CreateDeferredTransactionReplyV1>(commands.createDeferredTransaction, command, { timeoutMs: 5000 });
    } catch (cause) {
      throw temporarilyUnavailable({
        reason: 'The deferred-service did not confirm the deferred transaction; the key proofs of this request are used up.',
        help: 'Fetch a fresh c_nonce and send the credential request again with new key proofs.',
        cause,
      });
    }
  }
}
