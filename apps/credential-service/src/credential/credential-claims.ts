import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, type GetCredentialClaimsReplyV1 } from '@issuer/contracts-events';
import { COMMAND_BUS, type CommandBus } from '@issuer/nest';

/** What the offer-service holds for a credential configuration of a session. */
export type ClaimsForCredential =
  | { kind: 'claims'; issuanceId: string; claims: Record<string, unknown> }
  /** OID4VCI 1.0 Section 9: a deferred issuance whose claims the operator has not supplied yet. */
  | { kind: 'awaiting'; issuanceId: string }
  | { kind: 'denied'; issuanceId: string; reason: string }
  /** No issuance for the session, or none of its credentials has this configuration. */
  | { kind: 'unknown' };

/** The claims to sign, fetched from the offer-service that owns them (ARCHITECTURE.md step 5). */
@Injectable()
export class CredentialClaims {
  constructor(@Inject(COMMAND_BUS) private readonly commandBus: CommandBus) {}

  async fetch(sessionId: string, configurationId: string): Promise<ClaimsForCredential> {
    const command = createEnvelope({ type: commands.getCredentialClaims, version: 1, sessionId, data: { sessionId } });
    const reply = await this.commandBus.request<GetCredentialClaimsReplyV1>(commands.getCredentialClaims, command, { timeoutMs: 5000 });
    if ('error' in reply) return { kind: 'unknown' };
    if (reply.denied) return { kind: 'denied', issuanceId: reply.issuanceId, reason: reply.denied.reason };
    const entry = reply.credentials.find((credential) => credential.credential_configuration_id === configurationId);
    if (entry) return { kind: 'claims', issuanceId: reply.issuanceId, claims: entry.claims };
    if (reply.awaitingClaims?.includes(configurationId)) return { kind: 'awaiting', issuanceId: reply.issuanceId };
    return { kind: 'unknown' };
  }
}
