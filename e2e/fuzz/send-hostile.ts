import { request as httpRequest } from 'node:http';
import { adminApiKey, baseUrl } from '../support/issuer-api.js';
import type { TestWallet } from '../support/wallet.js';
import type { HostileRequest } from './hostile-requests.js';

export interface Verdict {
  status: number;
  /** Why the answer is not a spec error; undefined when it is one. */
  defect?: string;
}

export interface WalletSession {
  wallet: TestWallet;
  accessToken: string;
}

const HANG_MS = 15_000;

/** Sends one hostile request and judges the answer: a client error with an error code, never a 5xx or a hang. */
export async function sendHostile(request: HostileRequest, session: WalletSession): Promise<Verdict> {
  const headers = { ...credentialHeaders(request, session), ...request.headers };
  let response: RawResponse;
  try {
    response = await exchange(request.method, request.path, headers, request.body);
  } catch (error) {
    return { status: 0, defect: `no answer: ${(error as Error).message}` };
  }
  if (response.status >= 500) return { status: response.status, defect: `server error: ${response.text.slice(0, 300)}` };
  if (response.status >= 400 && /^application\/json\b/.test(response.contentType)) {
    const body = parseJson(response.text);
    if (typeof body?.['error'] !== 'string') return { status: response.status, defect: `an error answer without an error code: ${response.text.slice(0, 300)}` };
  }
  return { status: response.status };
}

interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One request on its own connection: a server may close a connection after refusing a body it did
 * not read, and a pooled client would then blame the next request for it.
 */
function exchange(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${baseUrl()}${path}`, { method, headers, agent: false, timeout: HANG_MS }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, contentType: incoming.headers['content-type'] ?? '', text: Buffer.concat(chunks).toString() }));
      incoming.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${HANG_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function credentialHeaders(request: HostileRequest, session: WalletSession): Record<string, string> {
  if (request.credentials === 'admin-key') return { authorization: `Bearer ${adminApiKey()}` };
  if (request.credentials === 'access-token') {
    return { authorization: `DPoP ${session.accessToken}`, dpop: session.wallet.dpop(request.method, request.path.split('?')[0]!, { accessToken: session.accessToken }) };
  }
  return {};
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
