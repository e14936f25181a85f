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
  userAgent: z.string().nullable().describe('The User-Agent of the wallet’s latest request that sent one'),
  walletName: z.string().nullable().describe('wallet_name of the wallet attestation, when the wallet was attested'),
  clientId: z.string().nullable(),
  walletLabel: z.string().nullable().describe('One short label per wallet: attested wallet_name, else User-Agent product, else client_id'),
  dialect: z.string().nullable().describe('The OID4VCI version the credential request looked like: 1.0, draft-11, draft-13, draft-15'),
  verboseCaptureUntil: z.string().nullable().describe('Until when the timeline keeps proxy and mesh headers and message signatures'),
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
  requestId: z.string().nullable().describe('The request that wrote the entry; also data.request_id'),
});

export const zSessionEvent = z.object({ id: z.string(), sessionId: z.string(), type: z.string(), occurredAt: z.string(), data: z.unknown() });

/** `GET /admin/v1/sessions/{sessionId}`. */
export const zSessionTimeline = z.object({
  session: zSession.nullable(),
  entries: z.array(zTimelineEntry),
  events: z.array(zSessionEvent),
  share_url: z.string().describe('The timeline’s web page for anyone holding the link, without an API key'),
});

/** `GET /session-log/v1/shared/{token}`: one session's timeline, or only one request's entries. */
export const zSharedTimeline = zSessionTimeline.omit({ share_url: true }).extend({
  shared: z.union([z.object({ kind: z.literal('session'), session_id: z.string() }), z.object({ kind: z.literal('request'), request_id: z.string() })]),
});

/** `GET /admin/v1/wallets` query. */
export const zListWalletsQuery = z.object({ sessions: z.string().optional().describe('How many of the newest sessions to consider: 1 to 2000, default 500') });

const zFeatureCount = z.number().int().describe('Sessions that showed it');

/** `GET /admin/v1/wallets`: sessions grouped by wallet label, most sessions first. */
export const zWalletCompatibilityReport = z.object({
  sessions_considered: z.number().int(),
  wallets: z.array(
    z.object({
      wallet_label: z.string(),
      sessions: z.number().int(),
      first_seen: z.string(),
      last_seen: z.string(),
      states: z.record(z.string(), z.number().int()).describe('Sessions per state, failed_at_<step> included'),
      dialects: z.array(z.string()),
      client_ids: z.array(z.string()),
      user_agents: z.array(z.string()),
      features: z.object({
        dpop_nonce_retry: zFeatureCount.describe('Sessions that got use_dpop_nonce and sent the request again (RFC 9449 Section 8)'),
        batch_issuance: zFeatureCount.describe('Sessions with more than one key proof in a credential request'),
        credential_response_encryption: zFeatureCount,
        key_attestation: zFeatureCount,
        deferred_polling: zFeatureCount.describe('Sessions that polled the deferred credential endpoint'),
        deferred_interval_honoured: zFeatureCount.describe('Of those, sessions that never polled sooner than the interval last given'),
        deferred_interval_ignored: zFeatureCount,
        notifications: zFeatureCount.describe('Sessions with an accepted notification'),
      }),
      failures: z.array(z.object({ step: z.string(), error: z.string(), count: z.number().int() })).describe('Error responses by step and code, most frequent first'),
    }),
  ),
});

export const zTimelineEntries = z.array(zTimelineEntry);

/** `GET /admin/v1/trust-anchors`. */
export const zTrustAnchors = z.object({ trust_anchors: z.array(z.string()).describe('PEM certificates') });

/** `POST /admin/v1/sessions/{sessionId}/verbose-capture`. */
export const zVerboseCaptureRequest = z.object({ minutes: z.number().int().min(0).max(240).describe('How long to keep verbose capture on; 0 turns it off') });

export const zVerboseCapture = z.object({ session_id: z.string(), verbose_capture_until: z.string().nullable() });
