import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { adminApiKey, baseUrl } from './support/issuer-api.js';
import { HOSTILE, issueWithFailure, launchBrowser, openWithKey, type IssuedWithFailure } from './support/session-pages.js';

/**
 * The share-link page and the wallet compatibility page. Until the issuer serves their APIs
 * (GET /session-log/v1/shared/{token}, GET /admin/v1/wallets) they say so; given answers of the
 * documented shape, they show them.
 */
describe('the shared timeline and wallet pages', () => {
  let browser: Browser;
  let issued: IssuedWithFailure;

  beforeAll(async () => {
    browser = await launchBrowser();
    issued = await issueWithFailure();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('says shared timelines are not available while the issuer does not serve them', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/ui/shared/some-share-token`);
    await page.getByText('Shared timelines are not available on this issuer yet.').waitFor();
    await page.close();
  });

  it('shows a shared timeline without an API key, without actions or links to other sessions, and marks the linked request', async () => {
    // The session's own timeline in the shape of the share-link API, each entry tagged with the request it belongs to.
    const timeline = (await (await fetch(`${baseUrl()}/admin/v1/sessions/${issued.issuance.session_id}`, { headers: { authorization: `Bearer ${adminApiKey()}` } })).json()) as { entries: Array<{ endpoint: string; data: Record<string, unknown> }> };
    const entries = timeline.entries.map((entry, index) => ({ ...entry, data: { ...entry.data, request_id: entry.endpoint === '/credential' ? 'credential-requests' : `request-${index}` } }));
    const page = await browser.newPage();
    const authorizations: Array<string | undefined> = [];
    await page.route('**/session-log/v1/shared/shared-token-1', async (route) => {
      authorizations.push(route.request().headers()['authorization']);
      await route.fulfill({ json: { ...timeline, entries } });
    });
    await page.goto(`${baseUrl()}/ui/shared/shared-token-1#request-credential-requests`);
    await page.getByTestId('state').waitFor();
    expect(authorizations).toEqual([undefined]);
    await expect(page.getByTestId('state').textContent()).resolves.toBe('credential_issued');
    await expect(page.locator('section.problems .reason').textContent()).resolves.toContain(HOSTILE);
    await expect(page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBeUndefined();

    await expect(page.getByText('Supply claims').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Download HAR' }).count()).resolves.toBe(0);
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => href.startsWith('/'))).toEqual([]);

    const highlighted = page.locator('li.entry.highlighted');
    await expect(highlighted.count()).resolves.toBe(entries.filter((entry) => entry.endpoint === '/credential').length);
    await expect(highlighted.locator('code.endpoint').allTextContents()).resolves.toEqual(expect.arrayContaining(['/credential']));
    expect(new Set(await highlighted.locator('code.endpoint').allTextContents())).toEqual(new Set(['/credential']));
    await page.close();
  });

  it('says the wallet compatibility page is not available while the issuer has no wallet aggregates', async () => {
    const page = await openWithKey(browser, '/ui/wallets');
    await page.getByText('Wallet compatibility is not available on this issuer yet.').waitFor();
    await page.close();
  });

  it('shows wallet aggregates as a table, whatever fields they have', async () => {
    const page = await browser.newPage();
    await page.route('**/admin/v1/wallets', (route) =>
      route.fulfill({
        json: [
          { wallet: 'EUDI Wallet <i>Android</i>', sessions: 12, features: ['dpop', 'attest_jwt_client_auth'], failures: { failed_at_credential: 2 }, dialects: ['oid4vci-1.0'], last_seen: '2026-12-02T10:00:00Z' },
          { wallet: 'ktor-client', sessions: 3, features: ['pre-authorized_code'], failures: {}, dialects: ['draft-13'] },
        ],
      }),
    );
    await page.goto(`${baseUrl()}/ui/wallets`);
    await page.getByLabel('API key').fill(adminApiKey());
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('table.wallets').waitFor();
    await expect(page.locator('table.wallets th').allTextContents()).resolves.toEqual(['wallet', 'sessions', 'features', 'failures', 'dialects', 'last seen']);
    await expect(page.locator('table.wallets tbody tr').first().locator('td').allTextContents()).resolves.toEqual(['EUDI Wallet <i>Android</i>', '12', 'dpop, attest_jwt_client_auth', expect.stringContaining('failed_at_credential'), 'oid4vci-1.0', '2026-12-02T10:00:00Z']);
    await expect(page.locator('table.wallets i').count()).resolves.toBe(0);
    await page.close();
  });
});
