export const baseUrl = (): string => required('E2E_BASE_URL');
export const adminApiKey = (): string => required('E2E_ADMIN_API_KEY');

export interface CreatedIssuance {
  id: string;
  session_id: string;
  status: string;
  credential_offer: { credential_issuer: string; credential_configuration_ids: string[]; grants: Record<string, Record<string, unknown>> };
  credential_offer_uri: string;
  offer_url: string;
  tx_code: string | null;
  compatibility_profile: string;
  deferred: boolean;
}

export interface SessionTimeline {
  session: { id: string; state: string };
  entries: Array<{ level: string; endpoint: string | null; message: string; data: Record<string, unknown> | null }>;
  events: Array<{ type: string; data: unknown }>;
}

export const pidClaims = {
  family_name: 'Mustermann',
  given_name: 'Erika',
  birthdate: '1984-01-26',
  nationalities: ['DE'],
  address: { street_address: 'Heidestraße 17', locality: 'Köln', postal_code: '51147', country: 'DE' },
  age_over_18: true,
  issuing_authority: 'DE',
  issuing_country: 'DE',
};

export interface IssuanceOptions {
  txCode?: boolean;
  claims?: Record<string, unknown>;
  /** Defaults to the SD-JWT PID. */
  credentialConfigurationId?: string;
  compatibilityProfile?: 'strict-1.0' | 'haip' | 'lenient';
  /** The authorization code grant with issuer_state instead of a pre-authorized code. */
  authorizationCode?: boolean;
  /** A deferred issuance; without `claims`, the operator supplies them later. */
  deferred?: boolean;
  requireKeyAttestation?: boolean;
  requireWalletAttestation?: boolean;
  /** The issuance's test_behaviours for wallet developers. */
  testBehaviours?: Record<string, unknown>;
  /** Verbose capture of the session's timeline from creation on, for that many minutes. */
  verboseCaptureMinutes?: number;
}

/** A platform's management API; the suite's own unless a test started another. */
export interface ManagementApi {
  baseUrl: string;
  adminApiKey: string;
}

export async function createIssuance(options: IssuanceOptions = {}, api: ManagementApi = { baseUrl: baseUrl(), adminApiKey: adminApiKey() }): Promise<CreatedIssuance> {
  const response = await fetch(`${api.baseUrl}/admin/v1/issuances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.adminApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      credentials: [
        {
          credential_configuration_id: options.credentialConfigurationId ?? 'eu.europa.ec.eudi.pid_vc_sd_jwt',
          ...((options.claims || !options.deferred) && { claims: options.claims ?? pidClaims }),
        },
      ],
      grant: options.authorizationCode ? { type: 'authorization_code' } : { type: 'pre-authorized_code', ...(options.txCode ? { tx_code: { input_mode: 'numeric', length: 6 } } : {}) },
      ...(options.compatibilityProfile && { compatibility_profile: options.compatibilityProfile }),
      ...(options.requireKeyAttestation && { require_key_attestation: true }),
      ...(options.requireWalletAttestation && { require_wallet_attestation: true }),
      ...(options.deferred && { deferred: true }),
      ...(options.testBehaviours && { test_behaviours: options.testBehaviours }),
      ...(options.verboseCaptureMinutes !== undefined && { verbose_capture_minutes: options.verboseCaptureMinutes }),
    }),
  });
  if (response.status !== 201) throw new Error(`create issuance: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedIssuance;
}

export function preAuthorizedCodeOf(issuance: CreatedIssuance): string {
  const grant = issuance.credential_offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  return grant?.['pre-authorized_code'] as string;
}

export async function getIssuance(id: string): Promise<{ status: string }> {
  const response = await fetch(`${baseUrl()}/admin/v1/issuances/${id}`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
  return (await response.json()) as { status: string };
}

export async function getSession(sessionId: string, api: ManagementApi = { baseUrl: baseUrl(), adminApiKey: adminApiKey() }): Promise<SessionTimeline | null> {
  const response = await fetch(`${api.baseUrl}/admin/v1/sessions/${sessionId}`, { headers: { authorization: `Bearer ${api.adminApiKey}` } });
  if (response.status === 404) return null;
  return (await response.json()) as SessionTimeline;
}

/** Events and timeline entries arrive asynchronously (outbox, bus, OTLP batches): poll until they do. */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

/** Waits for a timeline entry that matches, and returns the whole timeline. */
export async function timelineWith(sessionId: string, match: (entry: SessionTimeline['entries'][number]) => boolean, api?: ManagementApi): Promise<SessionTimeline> {
  const timeline = await eventually(() => getSession(sessionId, api), (value) => value !== null && value.entries.some(match));
  if (!timeline) throw new Error(`no timeline for ${sessionId}`);
  return timeline;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suite through its global setup`);
  return value;
}

/** The issuer's trust anchors (PEM) from the management API, as a verifier is given them. */
export async function trustAnchors(): Promise<string[]> {
  const response = await fetch(`${baseUrl()}/admin/v1/trust-anchors`, { headers: { authorization: `Bearer ${adminApiKey()}` } });
  if (response.status !== 200) throw new Error(`trust anchors: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { trust_anchors: string[] }).trust_anchors;
}
