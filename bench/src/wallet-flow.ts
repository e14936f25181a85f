import { createDpopProof, createJwtProof, createWalletKey, type WalletKey } from '@issuer/testing';
import type { HttpClient, HttpResponse } from './http-client.js';

export const flowSteps = ['issuance', 'offer', 'token', 'nonce', 'credential', 'verify', 'notification'] as const;
export type FlowStep = (typeof flowSteps)[number];

export const stepLabels: Record<FlowStep, string> = {
  issuance: 'POST /admin/v1/issuances',
  offer: 'GET credential_offer_uri',
  token: 'POST /token',
  nonce: 'POST /nonce',
  credential: 'POST /credential',
  verify: 'verify SD-JWT VC (client)',
  notification: 'POST /notification',
};

/** Where a wallet sends what, as the issuer's and authorization server's metadata say. */
export interface IssuerEndpoints {
  credentialIssuer: string;
  managementApi: string;
  token: string;
  nonce: string;
  credential: string;
  notification: string;
}

export interface FlowSettings {
  endpoints: IssuerEndpoints;
  adminApiKey: string;
  configurationId: string;
  claims: Record<string, unknown>;
  txCode: boolean;
}

export type CredentialVerifier = (credential: string, wallet: WalletKey) => Promise<void>;

export type StepTimings = Partial<Record<FlowStep, number>>;

export interface FlowResult {
  totalMs: number;
  steps: StepTimings;
  /** Requests repeated because the server asked for a DPoP nonce (RFC 9449 Section 8). */
  nonceRetries: number;
}

/** A failed flow, with a code that groups like failures: step, HTTP status and OAuth error. */
export class FlowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly steps: StepTimings,
  ) {
    super(message);
  }
}

const preAuthorizedGrant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/**
 * One wallet, one complete pre-authorized issuance (OID4VCI 1.0 Sections 4-11): the operator creates
 * the issuance, then a wallet with a key pair of its own takes the offer by reference, gets a
 * DPoP-bound token, a c_nonce, the credential (verified when `verify` is given) and accepts it.
 */
export async function runWalletFlow(http: HttpClient, settings: FlowSettings, verify?: CredentialVerifier): Promise<FlowResult> {
  const { endpoints } = settings;
  const steps: StepTimings = {};
  const started = performance.now();
  let nonceRetries = 0;
  const dpopNonces: { as?: string; rs?: string } = {};

  async function step<T>(name: FlowStep, action: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await action();
    } catch (error) {
      if (error instanceof FlowError) throw error;
      const code = (error as { code?: unknown }).code;
      throw new FlowError(`${name} ${typeof code === 'string' ? code : (error as Error).name}`, `${name}: ${(error as Error).message}`, steps);
    } finally {
      steps[name] = performance.now() - t0;
    }
  }

  function expectStatus(name: FlowStep, response: HttpResponse, status: number): void {
    if (response.status === status) return;
    const error = oauthError(response);
    throw new FlowError(`${name} ${response.status}${error ? ` ${error}` : ''}`, `${name}: expected ${status}, got ${response.status} ${response.body.slice(0, 300)}`, steps);
  }

  // RFC 9449 Section 8: a server may demand a nonce; the proof is then signed again with it.
  async function withDpop(server: 'as' | 'rs', send: (nonce: string | undefined) => Promise<HttpResponse>): Promise<HttpResponse> {
    let response = await send(dpopNonces[server]);
    const offered = header(response, 'dpop-nonce');
    if (offered !== undefined) dpopNonces[server] = offered;
    if ((response.status === 400 || response.status === 401) && offered !== undefined && oauthError(response) === 'use_dpop_nonce') {
      nonceRetries++;
      response = await send(offered);
      const next = header(response, 'dpop-nonce');
      if (next !== undefined) dpopNonces[server] = next;
    }
    return response;
  }

  const issuance = await step('issuance', async () => {
    const response = await http.send(
      'POST',
      endpoints.managementApi,
      { authorization: `Bearer ${settings.adminApiKey}`, 'content-type': 'application/json' },
      JSON.stringify({
        credentials: [{ credential_configuration_id: settings.configurationId, claims: settings.claims }],
        grant: { type: 'pre-authorized_code', ...(settings.txCode && { tx_code: { input_mode: 'numeric', length: 6 } }) },
      }),
    );
    expectStatus('issuance', response, 201);
    return parse<{ credential_offer_uri?: string; tx_code?: string | null }>('issuance', response, steps);
  });
  if (typeof issuance.credential_offer_uri !== 'string') throw new FlowError('issuance no credential_offer_uri', 'the issuance carries no credential_offer_uri', steps);
  if (settings.txCode && typeof issuance.tx_code !== 'string') throw new FlowError('issuance no tx_code', 'a tx_code was asked for but none came back', steps);

  const wallet = createWalletKey();

  const preAuthorizedCode = await step('offer', async () => {
    const response = await http.send('GET', issuance.credential_offer_uri!, { accept: 'application/json' });
    expectStatus('offer', response, 200);
    const offer = parse<{ grants?: Record<string, { 'pre-authorized_code'?: string }> }>('offer', response, steps);
    const code = offer.grants?.[preAuthorizedGrant]?.['pre-authorized_code'];
    if (typeof code !== 'string') throw new FlowError('offer no pre-authorized_code', 'the offer has no pre-authorized code grant', steps);
    return code;
  });

  const accessToken = await step('token', async () => {
    const form = new URLSearchParams({ grant_type: preAuthorizedGrant, 'pre-authorized_code': preAuthorizedCode });
    if (settings.txCode) form.set('tx_code', issuance.tx_code!);
    const body = form.toString();
    const response = await withDpop('as', (nonce) =>
      http.send(
        'POST',
        endpoints.token,
        { 'content-type': 'application/x-www-form-urlencoded', dpop: createDpopProof({ key: wallet, htm: 'POST', htu: endpoints.token, ...(nonce !== undefined && { nonce }) }) },
        body,
      ),
    );
    expectStatus('token', response, 200);
    const token = parse<{ access_token?: string; token_type?: string }>('token', response, steps);
    if (typeof token.access_token !== 'string') throw new FlowError('token no access_token', 'the token response has no access_token', steps);
    if (token.token_type?.toLowerCase() !== 'dpop') throw new FlowError(`token token_type ${token.token_type}`, 'the access token is not DPoP-bound', steps);
    return token.access_token;
  });

  const cNonce = await step('nonce', async () => {
    const response = await http.send('POST', endpoints.nonce);
    expectStatus('nonce', response, 200);
    const { c_nonce } = parse<{ c_nonce?: string }>('nonce', response, steps);
    if (typeof c_nonce !== 'string') throw new FlowError('nonce no c_nonce', 'the nonce response has no c_nonce', steps);
    return c_nonce;
  });

  const resourceHeaders = (url: string, nonce: string | undefined) => ({
    authorization: `DPoP ${accessToken}`,
    'content-type': 'application/json',
    dpop: createDpopProof({ key: wallet, htm: 'POST', htu: url, accessToken, ...(nonce !== undefined && { nonce }) }),
  });

  const issued = await step('credential', async () => {
    const body = JSON.stringify({
      credential_configuration_id: settings.configurationId,
      proofs: { jwt: [createJwtProof({ key: wallet, aud: endpoints.credentialIssuer, nonce: cNonce })] },
    });
    const response = await withDpop('rs', (nonce) => http.send('POST', endpoints.credential, resourceHeaders(endpoints.credential, nonce), body));
    expectStatus('credential', response, 200);
    const result = parse<{ credentials?: Array<{ credential?: unknown }>; notification_id?: string }>('credential', response, steps);
    const credential = result.credentials?.[0]?.credential;
    if (typeof credential !== 'string') throw new FlowError('credential no credential', 'the credential response holds no credential string', steps);
    if (typeof result.notification_id !== 'string') throw new FlowError('credential no notification_id', 'the credential response has no notification_id', steps);
    return { credential, notificationId: result.notification_id };
  });

  if (verify) {
    await step('verify', async () => {
      try {
        await verify(issued.credential, wallet);
      } catch (error) {
        throw new FlowError(`verify ${(error as { code?: string }).code ?? 'failed'}`, `verify: ${(error as Error).message}`, steps);
      }
    });
  }

  await step('notification', async () => {
    const body = JSON.stringify({ notification_id: issued.notificationId, event: 'credential_accepted' });
    const response = await withDpop('rs', (nonce) => http.send('POST', endpoints.notification, resourceHeaders(endpoints.notification, nonce), body));
    expectStatus('notification', response, 204);
  });

  return { totalMs: performance.now() - started, steps, nonceRetries };
}

function parse<T>(name: FlowStep, response: HttpResponse, steps: StepTimings): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new FlowError(`${name} ${response.status} not JSON`, `${name}: the body is not JSON: ${response.body.slice(0, 200)}`, steps);
  }
}

function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The OAuth error code from a JSON body (RFC 6749 Section 5.2) or WWW-Authenticate (RFC 6750 Section 3). */
function oauthError(response: HttpResponse): string | undefined {
  try {
    const body = JSON.parse(response.body) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: fall through to the header
  }
  return /error="([^"]+)"/.exec(header(response, 'www-authenticate') ?? '')?.[1];
}

export type { WalletKey };
