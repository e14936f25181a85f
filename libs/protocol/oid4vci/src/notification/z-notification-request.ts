import { z } from 'zod';

// OID4VCI 1.0 Section 11.1
export const NOTIFICATION_EVENTS = ['credential_accepted', 'credential_failure', 'credential_deleted'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

// OID4VCI 1.0 Section 11.1: event_description MUST NOT include characters outside %x20-21 / %x23-5B / %x5D-7E.
const EVENT_DESCRIPTION_CHARACTERS = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

export const zNotificationRequest = z
  .object({
    notification_id: z.string({ error: 'is missing or not a string' }).min(1, { error: 'is empty' }),
    event: z.enum(NOTIFICATION_EVENTS, { error: `is missing or not one of ${NOTIFICATION_EVENTS.join(', ')} (case sensitive)` }),
    event_description: z
      .string({ error: 'is not a string' })
      .regex(EVENT_DESCRIPTION_CHARACTERS, { error: 'has characters outside printable ASCII, or " or \\' })
      .optional(),
  })
  .loose();

export const NOTIFICATION_REQUEST_MEMBERS: ReadonlySet<string> = new Set(['notification_id', 'event', 'event_description']);
