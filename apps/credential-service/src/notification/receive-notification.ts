import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, subjects } from '@issuer/contracts-events';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { CLOCK, OutboxRelay, PLATFORM_CONFIG, ProtectedResource, readableBody, type Clock, type PlatformConfig, type RequestTimeline, currentTraceparent } from '@issuer/nest';
import { invalidNotificationId, invalidNotificationRequest } from '@issuer/protocol-errors';
import { parseNotificationRequest } from '@issuer/protocol-oid4vci';
import { CREDENTIAL_OUTBOX, CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';

const eventSubjects = {
  credential_accepted: subjects.credentialAccepted,
  credential_deleted: subjects.credentialDeleted,
  credential_failure: subjects.credentialFailure,
} as const;

@Injectable()
export class ReceiveNotification {
  constructor(
    private readonly protectedResource: ProtectedResource,
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(CREDENTIAL_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async execute(call: { body: unknown; authorization: string[]; dpop: string[]; timeline: RequestTimeline }): Promise<void> {
    const { timeline } = call;
    const token = await this.protectedResource.authenticate({
      authorization: call.authorization,
      dpop: call.dpop,
      htm: 'POST',
      htu: `${this.config.publicUrl}/notification`,
      now: this.now(),
      timeline,
    });
    const body = readableBody(call.body, invalidNotificationRequest, { help: 'Send the notification as a JSON object with Content-Type application/json', specRef: 'OID4VCI 1.0 Section 11.1' });
    const notification = parseNotificationRequest(body);
    timeline.ignoredParameters(notification.unknownMembers, 'OID4VCI 1.0 Section 11.1');
    const issued = await this.repository.findByNotificationId(notification.notification_id);
    // OID4VCI 1.0 Section 11.3: an id this token's session was not given is unknown to it.
    if (!issued || issued.sessionId !== token.sid) {
      throw invalidNotificationId({
        reason: `notification_id ${notification.notification_id} was not issued in this session.`,
        help: 'Send the notification_id from the credential response of this session.',
        specRef: 'OID4VCI 1.0 Section 11.3',
      });
    }
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: eventSubjects[notification.event],
      version: 1,
      sessionId: token.sid,
      data: { issuanceId: issued.issuanceId, notificationId: notification.notification_id, description: notification.event_description },
    });
    const events = [{ subject: event.type, envelope: event }];
    const outcome = await this.repository.recordNotification(
      { notificationId: notification.notification_id, event: notification.event, description: notification.event_description ?? null },
      events,
    );
    if (outcome === 'recorded') void this.outbox.publishCommitted(events);
    timeline.info(`Notification ${notification.event}`, { notification_id: notification.notification_id, event: notification.event, duplicate: outcome === 'duplicate' });
  }
}
