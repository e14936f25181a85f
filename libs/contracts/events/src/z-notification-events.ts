import { z } from 'zod';

// OID4VCI 1.0 Section 11.1: credential_accepted, credential_deleted and credential_failure
// carry the notification_id and an optional event_description.
export const zIssuanceCredentialNotifiedV1 = z.object({
  issuanceId: z.string().min(1).optional(),
  notificationId: z.string().min(1),
  description: z.string().optional(),
});

export type IssuanceCredentialNotifiedV1 = z.infer<typeof zIssuanceCredentialNotifiedV1>;
