import { z } from 'zod';

const zTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date and time');

/** `GET /admin/v1/sessions` query. */
export const zListSessionsQuery = z.object({
  limit: z.string().optional().describe('1 to 1000, default 100'),
  state: z.string().optional().describe('Only sessions in this state'),
});

/** `GET /admin/v1/requests` query: requests tied to no session. */
export const zListRequestsQuery = z.object({
  client_id: z.string().optional(),
  ip: z.string().optional(),
  user_agent: z.string().optional().describe('Any user agent containing it, ignoring case'),
  from: zTime.optional().describe('Entries at or after this time (ISO 8601)'),
  to: zTime.optional().describe('Entries at or before this time (ISO 8601)'),
  limit: z.string().optional().describe('1 to 1000, default 100'),
});

export const zSession = z.object({
  id: z.string(),
  issuanceId: z.string().nullable(),
  state: z.string(),
  stateChangedAt: z.string(),
  grantType: z.string().nullable(),
  credentialConfigurationIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const zSessionPage = z.object({ items: z.array(zSession), nextCursor: z.string().nullable() });

export const zTimelineEntry = z.object({
  id: z.string(),
  sessionId: z.string().nullable(),
  time: z.string(),
  level: z.string(),
  endpoint: z.string().nullable(),
  message: z.string(),
  data: z.unknown().describe('Headers, bodies, decoded JWTs; secrets redacted'),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  clientId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const zSessionEvent = z.object({ id: z.string(), sessionId: z.string(), type: z.string(), occurredAt: z.string(), data: z.unknown() });

/** `GET /admin/v1/sessions/{sessionId}`. */
export const zSessionTimeline = z.object({ session: zSession.nullable(), entries: z.array(zTimelineEntry), events: z.array(zSessionEvent) });

export const zTimelineEntries = z.array(zTimelineEntry);

/** `GET /admin/v1/trust-anchors`. */
export const zTrustAnchors = z.object({ trust_anchors: z.array(z.string()).describe('PEM certificates') });
