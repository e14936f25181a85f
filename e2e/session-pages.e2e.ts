import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { adminApiKey, baseUrl, createIssuance, eventually, getSession, pidClaims, preAuthorizedCodeOf } from './support/issuer-api.js';
import { adminSession, HOSTILE, issueAsWallet, issueWithFailure, launchBrowser, openWithKey, PID, type IssuedWithFailure } from './support/session-pages.js';
import { TestWallet } from './support/wallet.js';

/** The operator's session pages (/ui/) in a real browser, over real issuances. */
describe('the session pages', () => {
  let browser: Browser;
  let issued: IssuedWithFailure;

  beforeAll(async () => {
    browser = await launchBrowser();
    issued = await issueWithFailure();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const row = (page: Page, sessionId: string) => page.locator(`tr[data-session-id="${sessionId}"]`);

  it('serves the pages with a policy that forbids inline script, and asks for the API key first', async () => {
    const response = await fetch(`${baseUrl()}/ui/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/ui/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Management API key');
    await page.getByLabel('API key').fill('not-a-key-this-issuer-knows');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The API key was not accepted.The API key is not one this issuer knows.');
    await page.close();
  });

  it('lists sessions, filters them by state, configuration and time, and shows new ones without a reload', async () => {
    const ageVerification = await createIssuance({ credentialConfigurationId: 'eu.europa.ec.av.1', claims: { 'eu.europa.ec.av.1': { age_over_18: true } } });
    const page = await openWithKey(browser, '/ui/');
    await row(page, issued.issuance.session_id).waitFor();
    await expect(row(page, issued.issuance.session_id).locator('td').nth(1).textContent()).resolves.toBe('credential_issued');
    await row(page, ageVerification.session_id).waitFor();

    await page.getByLabel('State').selectOption('credential_issued');
    await row(page, ageVerification.session_id).waitFor({ state: 'detached' });
    await expect(row(page, issued.issuance.session_id).isVisible()).resolves.toBe(true);
    await page.getByLabel('State').selectOption('');
    await row(page, ageVerification.session_id).waitFor();

    await page.getByLabel('Credential configuration').selectOption('eu.europa.ec.av.1');
    await row(page, issued.issuance.session_id).waitFor({ state: 'detached' });
    await expect(row(page, ageVerification.session_id).isVisible()).resolves.toBe(true);
    await page.getByLabel('Credential configuration').selectOption('');

    await page.getByLabel('Created from (local time)').fill('2999-01-01T00:00');
    await expect(page.getByText('No session matches these filters.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Created from (local time)').fill('');

    // Live: a session created after the page loaded appears at the next poll.
    const later = await createIssuance();
    await row(page, later.session_id).waitFor({ timeout: 15_000 });

    await row(page, issued.issuance.session_id).getByRole('link').click();
    await page.waitForURL(`**/ui/sessions/${issued.issuance.session_id}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Session ${issued.issuance.session_id}`);
    await page.close();
  });

  it('filters by the wallet label sessions carry', async () => {
    const label = `FilterWallet${randomUUID().slice(0, 8)}`;
    const byWallet = await issueAsWallet(`${label}/1.0`, label);
    const page = await openWithKey(browser, '/ui/');
    await row(page, byWallet.issuance.session_id).waitFor();
    await page.getByRole('searchbox', { name: 'Wallet' }).fill(label.toLowerCase());
    await row(page, issued.issuance.session_id).waitFor({ state: 'detached' });
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await expect(row(page, byWallet.issuance.session_id).locator('td').nth(4).textContent()).resolves.toBe(label);
    // The hostile wallet's label is markup, shown as text.
    await page.getByRole('searchbox', { name: 'Wallet' }).fill('<script>');
    await row(page, issued.issuance.session_id).waitFor();
    await expect(row(page, issued.issuance.session_id).locator('td').nth(4).textContent()).resolves.toBe('<script>window.__pwned');
    await expect(page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await page.close();
  });

  it('shows the session: header, levels, the error with its reason, help and spec_ref, folded data, and the events', async () => {
    const page = await openWithKey(browser, `/ui/sessions/${issued.issuance.session_id}`);
    await page.getByTestId('state').waitFor();
    await expect(page.getByTestId('state').textContent()).resolves.toBe('credential_issued');
    const facts = page.locator('dl.facts');
    await expect(facts.textContent()).resolves.toContain(PID);
    await expect(facts.textContent()).resolves.toContain('urn:ietf:params:oauth:grant-type:pre-authorized_code');

    const problems = page.locator('section.problems');
    await expect(problems.getByRole('heading').textContent()).resolves.toBe('What went wrong (1)');
    const error = issued.timeline.entries.find((entry) => entry.level === 'error' && entry.endpoint === '/credential')!;
    const data = error.data as { error: string; reason: string; help: string; spec_ref: string };
    await expect(problems.locator('.error-code').textContent()).resolves.toBe(data.error);
    await expect(problems.locator('.reason').textContent()).resolves.toBe(data.reason);
    expect(data.reason).toContain(HOSTILE);
    await expect(problems.locator('.help').textContent()).resolves.toBe(data.help);
    const specRef = problems.getByRole('link', { name: data.spec_ref });
    await expect(specRef.getAttribute('href')).resolves.toMatch(/^https:\/\/openid\.net\/specs\/openid-4-verifiable-credential-issuance-1_0\.html#section-\d/);

    // Markup a wallet sent is text: no script ran, no element was made from it.
    await expect(page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('script').count()).resolves.toBe(1);
    await expect(page.locator('main img').count()).resolves.toBe(0);

    const levels = await page.locator('li.entry .level').allTextContents();
    expect(levels).toEqual(expect.arrayContaining(['DEBUG', 'INFO', 'ERROR']));

    // The token request's headers start folded; unfolded, the User-Agent shows as sent.
    const tokenRequest = page.locator('li.entry', { hasText: 'POST /token received' });
    const headers = tokenRequest.locator('details.json', { has: page.locator('summary', { hasText: 'keys' }) }).filter({ hasText: 'user-agent' }).last();
    await expect(headers.getByText(HOSTILE, { exact: false }).isVisible()).resolves.toBe(false);
    await headers.locator('summary').first().click();
    await expect(headers.getByText(JSON.stringify(HOSTILE)).isVisible()).resolves.toBe(true);

    // A key proof in the credential request is shown decoded, header and payload.
    const credentialRequest = page.locator('li.entry', { hasText: 'POST /credential received' }).last();
    const proofLabel = 'JWT (ES256, openid4vci-proof+jwt), decoded, not verified';
    const jwt = credentialRequest.locator('details.jwt').filter({ has: page.locator(':scope > summary', { hasText: proofLabel }) }).first();
    await expect(jwt.locator(':scope > summary').isVisible()).resolves.toBe(false);
    // Unfolded as a person would: the outermost folded part first, down to the proof.
    for (let depth = 0; depth < 6 && !(await jwt.locator(':scope > summary').isVisible()); depth++) {
      await credentialRequest.locator('details:not([open])').filter({ has: page.locator('summary', { hasText: proofLabel }) }).first().locator(':scope > summary').click();
    }
    await jwt.locator(':scope > summary').click();
    await expect(jwt.locator(':scope > dl').textContent()).resolves.toContain(baseUrl());
    await expect(jwt.locator(':scope > dl > dt').allTextContents()).resolves.toEqual(['header', 'payload']);

    // Each check of the DPoP proof at the credential endpoint, with what was found.
    const dpopChecks = page.locator('li.entry', { hasText: 'DPoP proof validated' }).filter({ has: page.locator('code.endpoint', { hasText: '/credential' }) }).last().getByRole('table', { name: 'Checks' });
    const htuRow = dpopChecks.locator('tr', { has: page.locator('code', { hasText: /^htu$/ }) });
    await expect(htuRow.locator('td').allTextContents()).resolves.toEqual(['htu', '✓ pass', `expected ${baseUrl()}/credential, got "${baseUrl()}/credential"`, 'RFC 9449 Section 4.3']);
    await expect(dpopChecks.getByRole('link', { name: 'RFC 9449 Section 4.3' }).first().getAttribute('href')).resolves.toMatch(/^https:\/\/(www\.)?rfc-editor\.org\/rfc\/rfc9449/);

    // The issued SD-JWT, its disclosures decoded: the given name the issuance supplied is there.
    const credentialIssued = page.locator('li.entry', { hasText: 'Credential issued' });
    await expect(credentialIssued.locator('.entry-data').textContent()).resolves.toContain('$.given_name');
    await expect(credentialIssued.locator('.entry-data').textContent()).resolves.toContain(pidClaims.given_name);

    const events = await page.locator('section.events tbody tr td:first-child').allTextContents();
    expect(events).toEqual(expect.arrayContaining(['offer_created', 'token_issued', 'credential_issued']));

    // GRAFANA_URL is set by the suite's platform: each entry links its trace.
    const trace = await page.locator('a.trace-link').first().getAttribute('href');
    expect(trace).toMatch(/^http:\/\/grafana\.test\/explore\?/);
    expect(decodeURIComponent(trace!)).toMatch(/"query":"[0-9a-f]{32}"/);
    await page.close();
  });

  it('shows the share link, and downloads the session as HAR and as a curl script with the API key', async () => {
    const page = await openWithKey(browser, `/ui/sessions/${issued.issuance.session_id}`);
    await page.getByTestId('state').waitFor();
    await expect(page.locator('a.share-url').getAttribute('href')).resolves.toBe((await adminSession(issued.issuance.session_id)).share_url);
    const authorizations: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (request.url().includes('/export.')) authorizations.push(request.headers()['authorization']);
    });
    const [har] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HAR' }).click()]);
    expect(har.suggestedFilename()).toBe(`session-${issued.issuance.session_id}.har`);
    const log = (JSON.parse(readFileSync(await har.path(), 'utf8')) as { log: { version: string; entries: Array<{ request: { method: string; url: string; headers: Array<{ name: string; value: string }> } }> } }).log;
    expect(log.version).toBe('1.2');
    expect(log.entries.map((entry) => `${entry.request.method} ${new URL(entry.request.url).pathname}`)).toEqual(expect.arrayContaining(['POST /token', 'POST /credential']));
    // Secrets were never recorded: the access token is not in the export.
    const credentialRequest = log.entries.find((entry) => new URL(entry.request.url).pathname === '/credential')!;
    expect(JSON.stringify(credentialRequest)).not.toMatch(/DPoP ey/);

    const [script] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download curl script' }).click()]);
    expect(script.suggestedFilename()).toBe(`session-${issued.issuance.session_id}.sh`);
    const shell = readFileSync(await script.path(), 'utf8');
    expect(shell.startsWith('#!/usr/bin/env bash')).toBe(true);
    expect(shell).toMatch(/curl -sS -i -X POST .*\/credential/);
    expect(authorizations).toEqual([`Bearer ${adminApiKey()}`, `Bearer ${adminApiKey()}`]);
    await page.close();
  });

  it('turns verbose capture on for a while and off again', async () => {
    const page = await openWithKey(browser, `/ui/sessions/${issued.issuance.session_id}`);
    await page.getByTestId('state').waitFor();
    await expect(page.getByTestId('verbose-status').textContent()).resolves.toBe('off');
    await page.getByLabel('For').selectOption('60');
    await page.getByRole('button', { name: 'Turn verbose capture on' }).click();
    await page.getByTestId('verbose-status').getByText('on until', { exact: false }).waitFor();
    const until = (await adminSession(issued.issuance.session_id)).session?.verboseCaptureUntil;
    expect(Date.parse(until!) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(Date.parse(until!) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    await expect(page.getByTestId('verbose-status').textContent()).resolves.toBe(`on until ${until!.replace('T', ' ').replace('Z', ' UTC')}`);
    await page.getByRole('button', { name: 'Turn it off' }).click();
    await page.getByTestId('verbose-status').getByText('off', { exact: true }).waitFor();
    await expect(adminSession(issued.issuance.session_id).then((found) => found.session?.verboseCaptureUntil)).resolves.toBeNull();
    await page.close();
  });

  it('supplies the claims of a deferred issuance, and shows the state it moves to', async () => {
    const issuance = await createIssuance({ deferred: true });
    const wallet = new TestWallet();
    const token = await wallet.token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
    const deferred = await wallet.credential(token.body['access_token'] as string, { credential_configuration_id: PID, proofs: { jwt: [wallet.proof(await wallet.nonce())] } });
    expect(deferred.status).toBe(202);
    await eventually(() => getSession(issuance.session_id), (found) => found?.session?.state === 'credential_deferred');

    const page = await openWithKey(browser, `/ui/sessions/${issuance.session_id}`);
    await page.getByTestId('state').waitFor();
    await expect(page.getByTestId('state').textContent()).resolves.toBe('credential_deferred');
    await page.getByText('The wallet is waiting for these claims', { exact: false }).waitFor();

    await page.getByLabel('Claims (JSON object)').fill('{ not json');
    await page.getByRole('button', { name: 'Supply claims', exact: true }).click();
    await page.getByText('The claims are not valid JSON.').waitFor();

    await page.getByLabel('Claims (JSON object)').fill(JSON.stringify(pidClaims));
    await page.getByRole('button', { name: 'Supply claims', exact: true }).click();
    await page.getByText('Claims supplied.').waitFor();
    await page.getByRole('button', { name: 'Show them' }).click({ timeout: 15_000 });
    await expect(page.getByTestId('state').textContent()).resolves.toBe('claims_supplied');
    await page.close();
  });

  it('explains a session id it does not know', async () => {
    const page = await openWithKey(browser, '/ui/sessions/no-such-session');
    await page.getByText('Session no-such-session: not found.').waitFor();
    await expect(page.getByText('No timeline for session no-such-session.').isVisible()).resolves.toBe(true);
    await page.close();
  });
});
