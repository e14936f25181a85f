import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, subjects } from '@issuer/contracts-events';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { randomToken, type JWK, type KeyStore } from '@issuer/crypto';
import { formatFor, statusClaim } from '@issuer/formats';
import { KEY_STORE, OutboxRelay, PLATFORM_CONFIG, currentTraceparent, type PlatformConfig } from '@issuer/nest';
import { invalidProof, type ProtocolError } from '@issuer/protocol-errors';
import type { CredentialConfiguration } from '@issuer/protocol-oid4vci';
import { CREDENTIAL_OUTBOX, CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';
import { FORMATS_WITH_STATUS, statusListTemplate } from '../status/status-list-template.js';
import { TYPE_METADATA, type TypeMetadataDocuments } from '../type-metadata/type-metadata.provider.js';

/** A key to bind one credential to, and the hash of the key proof it came with (null when that proof was used already). */
export interface HolderKey {
  holderJwk: JWK;
  jkt: string;
  proofHash: string | null;
}

export interface SignCredentialsInput {
  sessionId: string;
  issuanceId: string;
  configuration: CredentialConfiguration;
  claims: Record<string, unknown>;
  holders: readonly HolderKey[];
  /** Epoch seconds. */
  now: number;
  /** The deferred transaction the credentials are delivered for. */
  transactionId?: string;
}

export type SignCredentialsResult = { ok: true; credentials: Array<string | Record<string, unknown>>; notificationId: string } | { ok: false; reason: 'proof_reused' };

/** OID4VCI 1.0 Section 13.8: a key proof answers one credential request, immediate or deferred. */
export function keyProofUsedBefore(): ProtocolError {
  return invalidProof({
    reason: 'This key proof was already used for a credential request.',
    help: 'Fetch a fresh c_nonce from the nonce endpoint and sign a new key proof for every credential request.',
    specRef: 'OID4VCI 1.0 Section 13.8',
  });
}

// OID4VCI 1.0 Section 13 (privacy): the credentials of one batch, and of everyone issued within the
// same hour, carry the same time claims, so that those do not link them. Not mdocs: ISO 18013-5
// makes the MSO's `signed` the time of signing, inside the document signer certificate's validity.
const ISSUANCE_TIME_GRANULARITY_SECONDS = 3600;

function issuanceTime(format: string, now: number): number {
  return format === 'mso_mdoc' ? now : now - (now % ISSUANCE_TIME_GRANULARITY_SECONDS);
}

/**
 * One credential per holder key, each with its own status list entry, recorded with one
 * notification_id and the `issuance.credential.issued` event: the signing of immediate (OID4VCI 1.0
 * Section 8.3) and deferred (Section 9.2) responses alike.
 */
@Injectable()
export class SignCredentials {
  constructor(
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(CREDENTIAL_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(TYPE_METADATA) private readonly typeMetadata: TypeMetadataDocuments,
  ) {}

  async execute(input: SignCredentialsInput): Promise<SignCredentialsResult> {
    const { configuration, holders } = input;
    const credentialIds = holders.map(() => randomUUID());
    const withStatus = Boolean(configuration.status_list) && FORMATS_WITH_STATUS.has(configuration.format);
    // A status list entry is never spent on a replayed key proof, nor on the losers of a race for one.
    const proofHashes = holders.flatMap((holder) => (holder.proofHash ? [holder.proofHash] : []));
    const keyProofsClaimed = withStatus && proofHashes.length > 0;
    if (keyProofsClaimed && !(await this.repository.useKeyProofs(proofHashes, input.sessionId))) return { ok: false, reason: 'proof_reused' };
    const signingKey = await this.keys.signingKey('credential');
    const format = formatFor(configuration.format);
    const vctIntegrity = configuration.format === 'dc+sd-jwt' ? this.typeMetadata.get(configuration.vct)?.integrity : undefined;
    const statuses = withStatus ? await this.repository.allocateCredentialStatus(credentialIds, statusListTemplate(this.config.publicUrl)) : [];
    const issued = await Promise.all(
      holders.map((holder, index) => {
        const entry = statuses[index];
        return format.issue({
          configuration,
          claims: input.claims,
          holderJwk: holder.holderJwk,
          issuer: this.config.publicUrl,
          signingKey,
          now: issuanceTime(configuration.format, input.now),
          ...(entry && { status: statusClaim(entry.idx, entry.uri) }),
          ...(vctIntegrity && { vctIntegrity }),
        });
      }),
    );

    const notificationId = randomToken(16);
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.credentialIssued,
      version: 1,
      sessionId: input.sessionId,
      data: {
        issuanceId: input.issuanceId,
        credentialConfigurationId: configuration.id,
        format: configuration.format,
        count: issued.length,
        notificationId,
        ...(input.transactionId !== undefined && { transactionId: input.transactionId }),
      },
    });
    const events = [{ subject: event.type, envelope: event }];
    const recorded = await this.repository.recordIssued(
      holders.map((holder, index) => ({
        id: credentialIds[index],
        sessionId: input.sessionId,
        issuanceId: input.issuanceId,
        credentialConfigurationId: configuration.id,
        format: configuration.format,
        notificationId,
        holderJkt: holder.jkt,
        proofHash: holder.proofHash,
      })),
      events,
      { keyProofsClaimed },
    );
    if (!recorded.ok) return recorded;
    void this.outbox.publishCommitted(events);
    return { ok: true, credentials: issued.map((item) => item.credential), notificationId };
  }
}
