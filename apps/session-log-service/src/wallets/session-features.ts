import type { TimelineEntry } from '@issuer/data-access-session-log';
import { recordedRequests, type RecordedRequest } from '../export/recorded-requests.js';
import { flowControlErrors, stepOf } from '../ingest/session-request-updates.js';

/** What one session's requests show its wallet doing. */
export interface SessionFeatures {
  /** RFC 9449 Section 8: answered use_dpop_nonce, then sent the request again. */
  dpopNonceRetry: boolean;
  /** OID4VCI 1.0 Section 8.2: more than one key proof in one credential request. */
  batchIssuance: boolean;
  /** OID4VCI 1.0 Section 10: credential_response_encryption in a credential request. */
  credentialResponseEncryption: boolean;
  /** OID4VCI 1.0 Appendix D: a key attestation in a key proof or as the attestation proof type. */
  keyAttestation: boolean;
  /** OID4VCI 1.0 Section 9: null when never polled; else whether every poll waited the interval last given. */
  deferredPolling: { polls: number; honouredInterval: boolean } | null;
  /** OID4VCI 1.0 Section 11: notifications the issuer accepted. */
  notifications: number;
  failures: Array<{ step: string; error: string }>;
}

export function sessionFeatures(entries: TimelineEntry[]): SessionFeatures {
  const requests = recordedRequests(entries);
  const credentialRequests = requests.filter((request) => pathOf(request) === '/credential');
  return {
    dpopNonceRetry: requests.some((request, index) => errorOf(request) === 'use_dpop_nonce' && requests.slice(index + 1).some((later) => pathOf(later) === pathOf(request))),
    batchIssuance: credentialRequests.some((request) => proofCount(request.body) > 1),
    credentialResponseEncryption: requests.some((request) => ['/credential', '/deferred_credential'].includes(pathOf(request)) && isObject(member(request.body, 'credential_response_encryption'))),
    keyAttestation: credentialRequests.some((request) => hasKeyAttestation(request.body)),
    deferredPolling: deferredPolling(requests),
    notifications: requests.filter((request) => pathOf(request) === '/notification' && (request.response?.status ?? 0) < 300 && request.response !== null).length,
    failures: requests.flatMap((request) => {
      const error = errorOf(request);
      return error && (request.response?.status ?? 0) >= 400 && !flowControlErrors.has(error) && !request.url.startsWith('/admin/') ? [{ step: stepOf(pathOf(request)), error }] : [];
    }),
  };
}

function deferredPolling(requests: RecordedRequest[]): SessionFeatures['deferredPolling'] {
  const polls = requests.filter((request) => pathOf(request) === '/deferred_credential');
  if (polls.length === 0) return null;
  let honoured = true;
  let previous: RecordedRequest | undefined;
  for (const request of requests) {
    if (!['/credential', '/deferred_credential'].includes(pathOf(request))) continue;
    const interval = previous ? Number(member(previous.response?.body, 'interval')) : NaN;
    if (pathOf(request) === '/deferred_credential' && previous && Number.isFinite(interval)) {
      const answeredAt = previous.startedAt.getTime() + (previous.response?.durationMs ?? 0);
      if (request.startedAt.getTime() - answeredAt < interval * 1000) honoured = false;
    }
    previous = request;
  }
  return { polls: polls.length, honouredInterval: honoured };
}

function proofCount(body: unknown): number {
  const proofs = member(body, 'proofs');
  if (!isObject(proofs)) return 0;
  return Object.values(proofs).reduce<number>((count, value) => count + (Array.isArray(value) ? value.length : 0), 0);
}

function hasKeyAttestation(body: unknown): boolean {
  const proofs = member(body, 'proofs');
  const proof = member(body, 'proof');
  if (isObject(proofs) && Array.isArray(proofs['attestation']) && proofs['attestation'].length > 0) return true;
  const jwts = [...(isObject(proofs) && Array.isArray(proofs['jwt']) ? proofs['jwt'] : []), member(proof, 'jwt')];
  return jwts.some((jwt) => typeof jwt === 'string' && 'key_attestation' in headerOf(jwt));
}

function headerOf(jwt: string): Record<string, unknown> {
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as unknown;
    return isObject(header) ? header : {};
  } catch {
    return {};
  }
}

function errorOf(request: RecordedRequest): string | undefined {
  const error = member(request.response?.body, 'error');
  return typeof error === 'string' ? error : undefined;
}

function pathOf(request: RecordedRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}

function member(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
