import { invalidNotificationRequest, type ProtocolError } from '@issuer/protocol-errors';
import { isJsonObject } from '../claims-path-pointer/select-claims.js';
import { NOTIFICATION_EVENTS, NOTIFICATION_REQUEST_MEMBERS, zNotificationRequest, type NotificationEvent } from './z-notification-request.js';

const HELP: Record<string, string> = {
  notification_id: 'Send the notification_id from the Credential Response as a string',
  event: `Send event as one of ${NOTIFICATION_EVENTS.join(', ')}`,
  event_description: 'Send event_description as printable ASCII without " and \\',
};

export interface NotificationRequest {
  notification_id: string;
  event: NotificationEvent;
  event_description?: string;
  /** Members OID4VCI 1.0 does not define: ignored (Section 11.1), kept for the timeline. */
  unknownMembers: string[];
}

/** Parses a Notification Request (OID4VCI 1.0 Section 11.1); whether the notification_id is known is for the caller to decide. */
export function parseNotificationRequest(body: unknown): NotificationRequest {
  if (!isJsonObject(body)) {
    const kind = body === null ? 'JSON null' : Array.isArray(body) ? 'a JSON array' : `a JSON ${typeof body}`;
    throw malformed(`the body is ${kind}, not a JSON object`, 'Send { "notification_id": "...", "event": "credential_accepted" } as application/json');
  }
  const result = zNotificationRequest.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = String(issue.path[0]);
    throw malformed(`${field} ${issue.message}`, HELP[field] ?? HELP.notification_id!);
  }
  const data = result.data;
  return {
    notification_id: data.notification_id,
    event: data.event,
    ...(data.event_description !== undefined && { event_description: data.event_description }),
    unknownMembers: Object.keys(body).filter((key) => !NOTIFICATION_REQUEST_MEMBERS.has(key)),
  };
}

function malformed(reason: string, help: string): ProtocolError {
  return invalidNotificationRequest({ reason, help, specRef: 'OID4VCI 1.0 Section 11.1', description: `The notification request is malformed: ${reason}` });
}
