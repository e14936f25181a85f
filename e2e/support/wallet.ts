import { createDpopProof, createJwtProof, createWalletKey, type WalletKey } from '@issuer/testing';
import { baseUrl } from './issuer-api.js';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A minimal wallet speaking the platform's HTTP API, for negative tests that libraries won't send. */
export class TestWallet {
  /** `origin`: where requests go when not to the platform's address, e.g. a replica of a service; proofs still name the public URL. */
  constructor(
    readonly key: WalletKey = createWalletKey(),
    private readonly origin?: string,
  ) {}

  /** The same wallet, its requests sent to `origin`. */
  at(origin: string | undefined): TestWallet {
    return new TestWallet(this.key, origin);
  }

  dpop(method: string, path: string, extra: { accessToken?: string; header?: Record<string, unknown>; payload?: Record<string, unknown> } = {}): string {
    return createDpopProof({
      key: this.key,
      htm: method,
      htu: `${baseUrl()}${path}`,
      accessToken: extra.accessToken,
      overrides: { header: extra.header, payload: extra.payload },
    });
  }

  async token(form: Record<string, string>, headers: Record<string, string> = { dpop: this.dpop('POST', '/token') }): Promise<HttpResult> {
    return send('/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() }, this.origin);
  }

  async nonce(): Promise<string> {
    const result = await send('/nonce', { method: 'POST' }, this.origin);
    return result.body['c_nonce'] as string;
  }

  proof(nonce: string | undefined, overrides: { payload?: Record<string, unknown>; header?: Record<string, unknown> } = {}): string {
    return createJwtProof({ key: this.key, aud: baseUrl(), nonce, payloadOverrides: overrides.payload, headerOverrides: overrides.header });
  }

  async credential(accessToken: string, body: unknown, headers?: Record<string, string>): Promise<HttpResult> {
    return send('/credential', {
      method: 'POST',
      headers: headers ?? { authorization: `DPoP ${accessToken}`, dpop: this.dpop('POST', '/credential', { accessToken }), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, this.origin);
  }

  async deferredCredential(accessToken: string, body: unknown): Promise<HttpResult> {
    return send('/deferred_credential', {
      method: 'POST',
      headers: { authorization: `DPoP ${accessToken}`, dpop: this.dpop('POST', '/deferred_credential', { accessToken }), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, this.origin);
  }

  async notification(accessToken: string, body: unknown): Promise<HttpResult> {
    return send('/notification', {
      method: 'POST',
      headers: { authorization: `DPoP ${accessToken}`, dpop: this.dpop('POST', '/notification', { accessToken }), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }, this.origin);
  }
}

export async function send(path: string, init: RequestInit, origin = baseUrl()): Promise<HttpResult> {
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
