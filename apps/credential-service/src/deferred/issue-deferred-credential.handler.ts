import { Inject, Injectable } from '@nestjs/common';
import { commands, parseCommand, type Envelope, type IssueDeferredCredentialReplyV1 } from '@issuer/contracts-events';
import { jwkThumbprint, type JWK } from '@issuer/crypto';
import { CLOCK, CREDENTIAL_CONFIGURATIONS, type Clock, type CredentialConfigurations } from '@issuer/nest';
import { serverError } from '@issuer/protocol-errors';
import { CredentialClaims } from '../credential/credential-claims.js';
import { SignCredentials } from '../credential/sign-credentials.js';

/**
 * The deferred-service redeemed a transaction whose claims were supplied (OID4VCI 1.0 Section 9.2):
 * the credentials are signed here, where the keys, the status lists and the record of issued
 * credentials are, for the holder keys it kept. The key proofs were used when the request was deferred.
 */
@Injectable()
export class IssueDeferredCredentialHandler {
  readonly subject = commands.issueDeferredCredential;

  constructor(
    private readonly credentialClaims: CredentialClaims,
    private readonly signCredentials: SignCredentials,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async handle(envelope: Envelope): Promise<IssueDeferredCredentialReplyV1> {
    const command = parseCommand(commands.issueDeferredCredential, envelope);
    // A disabled configuration is not issued; its transaction waits until it is enabled again or denied.
    if (this.configurations.entry(command.credentialConfigurationId)?.disabled) return { outcome: 'pending' };
    const configuration = this.configurations.get(command.credentialConfigurationId);
    if (!configuration) {
      throw serverError({
        reason: `The credential configuration ${command.credentialConfigurationId} of transaction ${command.transactionId} is no longer configured.`,
        help: 'Enable the credential configuration again (POST /admin/v1/credential-configurations/{id}/enable, or CREDENTIAL_CONFIG_FILES), or deny the issuance.',
      });
    }
    const claims = await this.credentialClaims.fetch(command.sessionId, configuration.id);
    if (claims.kind === 'denied') return { outcome: 'denied', reason: claims.reason };
    if (claims.kind !== 'claims') return { outcome: 'pending' };
    const holders = command.holderJwks.map((holderJwk) => ({ holderJwk: holderJwk as JWK, jkt: jwkThumbprint(holderJwk), proofHash: null }));
    const signed = await this.signCredentials.execute({
      sessionId: command.sessionId,
      issuanceId: claims.issuanceId,
      configuration,
      claims: claims.claims,
      holders,
      now: this.now(),
      transactionId: command.transactionId,
    });
    if (!signed.ok) throw new Error(`transaction ${command.transactionId}: the credentials could not be recorded (${signed.reason})`);
    return { outcome: 'issued', credentials: signed.credentials.map((credential) => ({ credential })), notificationId: signed.notificationId };
  }
}
