import { createDpopProof, createJwtProof, createWalletKey } from '@issuer/testing';
import type { HttpClient, HttpResponse } from '../http-client.js';
import { sleep } from './supervised-process.js';

const preAuthorizedGrant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
// A wallet keeps trying while a service restarts; longer than any restart the soak causes.
const STEP_PATIENCE_MS = 90_000;

export interface SoakFlowSettings {
  baseUrl: string;
  adminApiKey: string;
  configurationId: string;
  claims: Record<string, unknown>;
}

export interface SoakFlowOutcome {
  kind: 'immediate' | 'deferred';
  issuanceId?: string;
  sessionId?: string;
  /** completed: credential received and notification accepted; refused: a spec error the wallet was given; stuck: no usable answer. */
  result: 'completed' | 'refused' | 'stuck';
  /** The step and error code of a refusal, or what a stuck step last saw. */
  detail?: string;
  /**
   * A refusal right after an answer that never came (a retried step): the first attempt may have
   * spent the single-use artefact (a pre-authorized code, a key proof). Any other refusal is a defect.
   */
  refusedAfterLostAnswer?: boolean;
  /** Answers a wallet retried: connection errors, 5xx and 429, by `step status`. */
  retried: Record<string, number>;
}

class Refused extends Error {}
class Stuck extends Error {}

/**
 * A wallet through faults: every request is retried while the answer is a transport failure, a
 * 5xx or a 429, as a wallet would; a spec error (4xx with an error code) ends the flow as refused,
 * except where the spec says what to do next (a used key proof or c_nonce: a fresh one).
 */
export async function runSoakFlow(http: HttpClient, settings: SoakFlowSettings, kind: SoakFlowOutcome['kind']): Promise<SoakFlowOutcome> {
  const outcome: SoakFlowOutcome = { kind, result: 'stuck', retried: {} };
  const url = (path: string) => `${settings.baseUrl}${path}`;

  let lastStepRetried = false;
  async function send(step: string, request: () => Promise<HttpResponse>): Promise<HttpResponse> {
    lastStepRetried = false;
    const deadline = Date.now() + STEP_PATIENCE_MS;
    let last = '';
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      try {
        const response = await request();
        if (response.status < 500 && response.status !== 429) return response;
        last = `${response.status}${errorCode(response) ? `:${errorCode(response)}` : ''} ${response.body.slice(0, 200)}`;
      } catch (error) {
        last = (error as { code?: string }).code ?? (error as Error).message;
      }
      const key = `${step} ${last.split(' ')[0]}`;
      outcome.retried[key] = (outcome.retried[key] ?? 0) + 1;
      lastStepRetried = true;
      await sleep(Math.min(200 * 2 ** attempt, 2000));
    }
    throw new Stuck(`${step}: ${last}`);
  }

  const admin = { authorization: `Bearer ${settings.adminApiKey}`, 'content-type': 'application/json' };
  const wallet = createWalletKey();

  try {
    const created = await send('issuance', () =>
      http.send('POST', url('/admin/v1/issuances'), admin, JSON.stringify({
        credentials: [{ credential_configuration_id: settings.configurationId, ...(kind === 'immediate' && { claims: settings.claims }) }],
        grant: { type: 'pre-authorized_code' },
        ...(kind === 'deferred' && { deferred: true }),
      })),
    );
    const issuance = expectJson<{ id: string; session_id: string; credential_offer_uri: string }>('issuance', created, 201);
    outcome.issuanceId = issuance.id;
    outcome.sessionId = issuance.session_id;

    const offer = expectJson<{ grants: Record<string, { 'pre-authorized_code': string }> }>('offer', await send('offer', () => http.send('GET', issuance.credential_offer_uri)), 200);
    const code = offer.grants[preAuthorizedGrant]?.['pre-authorized_code'] ?? '';

    const tokenBody = new URLSearchParams({ grant_type: preAuthorizedGrant, 'pre-authorized_code': code }).toString();
    const token = expectJson<{ access_token: string }>('token', await send('token', () =>
      http.send('POST', url('/token'), { 'content-type': 'application/x-www-form-urlencoded', dpop: createDpopProof({ key: wallet, htm: 'POST', htu: url('/token') }) }, tokenBody),
    ), 200);
    const accessToken = token.access_token;
    const resource = (path: string, body: unknown) => () =>
      http.send('POST', url(path), { authorization: `DPoP ${accessToken}`, 'content-type': 'application/json', dpop: createDpopProof({ key: wallet, htm: 'POST', htu: url(path), accessToken }) }, JSON.stringify(body));

    // OID4VCI 1.0 Section 8.3.1.2: invalid_proof or invalid_nonce: a fresh c_nonce and a new proof.
    let credential: HttpResponse | undefined;
    const proofDeadline = Date.now() + STEP_PATIENCE_MS;
    while (!credential || (isProofRetry(credential) && Date.now() < proofDeadline)) {
      const nonce = expectJson<{ c_nonce: string }>('nonce', await send('nonce', () => http.send('POST', url('/nonce'))), 200).c_nonce;
      const proof = createJwtProof({ key: wallet, aud: settings.baseUrl, nonce });
      credential = await send('credential', resource('/credential', { credential_configuration_id: settings.configurationId, proofs: { jwt: [proof] } }));
    }
    let notificationId: string;
    if (kind === 'immediate') {
      notificationId = expectJson<{ notification_id: string }>('credential', credential!, 200).notification_id;
    } else {
      const deferred = expectJson<{ transaction_id: string; interval: number }>('credential', credential!, 202);
      const supplied = await send('supply claims', () =>
        http.send('POST', url(`/admin/v1/issuances/${issuance.id}/claims`), admin, JSON.stringify({ credentials: [{ credential_configuration_id: settings.configurationId, claims: settings.claims }] })),
      );
      // 409: a retried call whose first attempt had supplied them.
      if (supplied.status !== 409) expectJson('supply claims', supplied, 200);
      notificationId = await pollDeferred(resource('/deferred_credential', { transaction_id: deferred.transaction_id }), deferred.interval);
    }

    const notified = await send('notification', resource('/notification', { notification_id: notificationId, event: 'credential_accepted' }));
    if (notified.status !== 204) throw new Refused(`notification ${notified.status} ${errorCode(notified)}`);
    outcome.result = 'completed';
  } catch (error) {
    if (error instanceof Refused) {
      outcome.result = 'refused';
      outcome.refusedAfterLostAnswer = lastStepRetried;
    }
    else if (!(error instanceof Stuck)) throw error;
    outcome.detail = (error as Error).message;
  }
  return outcome;

  // OID4VCI 1.0 Section 9.2: poll no sooner than `interval` seconds, until the credential is there.
  async function pollDeferred(poll: () => Promise<HttpResponse>, interval: number): Promise<string> {
    for (;;) {
      await sleep(interval * 1000);
      const response = await send('deferred', poll);
      if (response.status === 202) continue;
      return expectJson<{ notification_id: string }>('deferred', response, 200).notification_id;
    }
  }
}

function isProofRetry(response: HttpResponse): boolean {
  return response.status === 400 && ['invalid_proof', 'invalid_nonce'].includes(errorCode(response));
}

function expectJson<T>(step: string, response: HttpResponse, status: number): T {
  if (response.status !== status) throw new Refused(`${step} ${response.status} ${errorCode(response)}${errorDescription(response)}`.trim());
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new Refused(`${step} ${response.status} not JSON`);
  }
}

function errorDescription(response: HttpResponse): string {
  try {
    const description = (JSON.parse(response.body) as { error_description?: unknown }).error_description;
    return typeof description === 'string' ? `: ${description.slice(0, 160)}` : '';
  } catch {
    return '';
  }
}

function errorCode(response: HttpResponse): string {
  try {
    const error = (JSON.parse(response.body) as { error?: unknown }).error;
    return typeof error === 'string' ? error : '';
  } catch {
    return '';
  }
}
