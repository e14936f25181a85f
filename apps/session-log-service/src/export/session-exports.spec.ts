import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import type { TimelineEntry } from '@issuer/data-access-session-log';
import { redact, redactLocation } from '@issuer/nest';
import { sessionToCurl } from './session-to-curl.js';
import { sessionToHar } from './session-to-har.js';

const secrets = { code: 'SplxlOBeZQQYbYS6WxSbIA-pre-auth', txCode: '493536', accessToken: 'eyJhbGciOiJFUzI1NiJ9.access-token-value', authorizationCode: 'authz-code-0123456789' };
const time = (second: number) => new Date(Date.UTC(2026, 11, 2, 12, 0, second));
let nextId = 0;
const entry = (requestId: string, second: number, message: string, data: Record<string, unknown>): TimelineEntry => ({
  id: String(++nextId),
  sessionId: 'session-1',
  time: time(second),
  level: 'debug',
  endpoint: null,
  message,
  data: { ...data, request_id: requestId },
  traceId: null,
  spanId: null,
  clientId: null,
  ip: '127.0.0.1',
  userAgent: 'WalletKit/2.1',
  requestId,
});

/** As timeline-hooks.ts records a request and its response. */
const entries: TimelineEntry[] = [
  entry('req-token', 1, 'POST /token received', {
    method: 'POST',
    url: '/token',
    headers: redact({ host: 'issuer.example.com', 'content-type': 'application/x-www-form-urlencoded', dpop: 'eyJ0eXAiOiJkcG9wK2p3dCJ9.proof.sig', 'user-agent': "WalletKit/2.1 (it's)" }),
    body: redact({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': secrets.code, tx_code: secrets.txCode }),
  }),
  entry('req-token', 1, 'Responded 200', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: redact({ access_token: secrets.accessToken, token_type: 'DPoP', expires_in: 300 }), duration_ms: 12.5 }),
  entry('req-credential', 2, 'POST /credential received', {
    method: 'POST',
    url: '/credential',
    headers: redact({ authorization: `DPoP ${secrets.accessToken}`, 'content-type': 'application/json' }),
    body: redact({ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', proofs: { jwt: ['eyJ.proof.sig'] } }),
  }),
  entry('req-credential', 2, 'Responded 400', { status: 400, headers: { 'content-type': 'application/json' }, body: { error: 'invalid_proof', error_description: 'bad proof' }, duration_ms: 3 }),
  entry('req-callback', 3, 'GET /authorize/callback received', { method: 'GET', url: redactLocation(`/authorize/callback?code=${secrets.authorizationCode}&state=abc`), headers: {} }),
];

describe('sessionToHar', () => {
  const har = sessionToHar(entries, 'https://issuer.example.com', 'Issuer timeline session-1');

  it('writes one HAR 1.2 entry per request, with request and response as recorded', () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.map((item) => `${item.request.method} ${item.request.url} ${item.response.status}`)).toEqual([
      'POST https://issuer.example.com/token 200',
      'POST https://issuer.example.com/credential 400',
      'GET https://issuer.example.com/authorize/callback?code=%3Cpresent%2C+len%3D21%3E&state=abc 0',
    ]);
    const [token] = har.log.entries;
    expect(token?.startedDateTime).toBe(time(1).toISOString());
    expect(token?.time).toBe(12.5);
    expect(token?.request.postData?.mimeType).toBe('application/x-www-form-urlencoded');
    expect(token?.request.postData?.params).toEqual(expect.arrayContaining([{ name: 'tx_code', value: '<present, len=6>' }]));
    expect(JSON.parse(token?.response.content.text ?? '{}')).toMatchObject({ token_type: 'DPoP', access_token: `<present, len=${secrets.accessToken.length}>` });
    expect(har.log.entries[2]?.request.queryString).toEqual([{ name: 'code', value: '<present, len=21>' }, { name: 'state', value: 'abc' }]);
  });

  it('carries no secret of the exchange', () => {
    const text = JSON.stringify(har);
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
  });
});

describe('sessionToCurl', () => {
  const script = sessionToCurl(entries, 'https://issuer.example.com', 'Issuer timeline session-1');

  it('is a bash script whose secrets are variables listed at the top, and carries no secret', () => {
    for (const secret of Object.values(secrets)) expect(script).not.toContain(secret);
    expect(script).toContain('#   PRE_AUTHORIZED_CODE: pre-authorized_code, len=31 when recorded');
    expect(script).toContain('#   TX_CODE: tx_code, len=6 when recorded');
    expect(script).toContain('#   AUTHORIZATION: authorization, len=');
    expect(script).toContain('#   CODE: code, len=21 when recorded');
    expect(script).not.toMatch(/'host:/);
    execFileSync('bash', ['-n'], { input: script });
  });

  it('repeats each request with its secrets taken from the variables', () => {
    // Each curl becomes a printout of its arguments, one per line.
    const run = `curl() { printf '%s\\n' "$@"; printf -- '--\\n'; }\nexport -f curl\n${script.replace('#!/usr/bin/env bash', '')}`;
    const output = execFileSync('bash', ['-c', run], { env: { PATH: process.env['PATH'], PRE_AUTHORIZED_CODE: 'CODE-1', TX_CODE: '123456', AUTHORIZATION: 'DPoP AT-1', CODE: 'AC-1', ISSUER: 'http://127.0.0.1:1' } }).toString();
    const [token, credential, callback] = output.split('--\n');
    expect(token).toContain('http://127.0.0.1:1/token');
    expect(token).toContain('pre-authorized_code=CODE-1&tx_code=123456');
    expect(token).toContain("user-agent: WalletKit/2.1 (it's)");
    expect(credential).toContain('authorization: DPoP AT-1');
    expect(credential).toContain('{"credential_configuration_id":"eu.europa.ec.eudi.pid_vc_sd_jwt","proofs":{"jwt":["eyJ.proof.sig"]}}');
    expect(callback).toContain('http://127.0.0.1:1/authorize/callback?code=AC-1&state=abc');
  });
});
