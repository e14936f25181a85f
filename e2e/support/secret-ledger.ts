import { appendFileSync } from 'node:fs';
import { secretsOfExchange } from '@issuer/testing';

/**
 * Every secret the suites' wallets and operators see over HTTP (tokens, codes, tx_codes, PKCE
 * verifiers, API keys), appended to E2E_SECRETS_FILE, for the global teardown to look for in what
 * the platform stored and logged.
 */
const ledger = process.env['E2E_SECRETS_FILE'];
const plainFetch = globalThis.fetch;

if (ledger) {
  globalThis.fetch = async (input, init) => {
    const response = await plainFetch(input, init);
    const requestHeaders = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (init?.body instanceof URLSearchParams) requestHeaders.set('content-type', 'application/x-www-form-urlencoded');
    const json = response.headers.get('content-type')?.includes('json');
    const secrets = secretsOfExchange({
      url: input instanceof Request ? input.url : String(input),
      requestHeaders: Object.fromEntries(requestHeaders),
      requestBody: typeof init?.body === 'string' || init?.body instanceof URLSearchParams ? String(init.body) : undefined,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody: json ? await response.clone().text() : undefined,
    });
    if (secrets.length > 0) appendFileSync(ledger, `${secrets.join('\n')}\n`);
    return response;
  };
}
