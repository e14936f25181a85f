import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, createIssuance, eventually } from './support/issuer-api.js';
import { TestWallet } from './support/wallet.js';
import { adminSession, HOSTILE, settledSession, issueAsWallet, issueWithFailure, launchBrowser, openWithKey, type AdminSession, type IssuedByWallet, type IssuedWithFailure } from './support/session-pages.js';

/** The share-link page (no API key) and the wallet compatibility page, over real sessions. */
describe('the shared timeline and wallet pages', () => {
  let browser: Browser;
  let issued: IssuedWithFailure;
  let admin: AdminSession;

  beforeAll(async () => {
    browser = await launchBrowser();
    issued = await issueWithFailure();
    admin = await settledSession(issued.issuance.session_id);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page (its own context: no API key in its storage) that records the Authorization of every request it makes. */
  async function anonymousPage(): Promise<{ page: Page; authorizations: Array<string | undefined> }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const authorizations: Array<string | undefined> = [];
    page.on('request', (request) => authorizations.push(request.headers()['authorization']));
    return { page, authorizations };
  }

  it('opens a session share_url without an API key and shows that session only, read-only, wallet markup as text', async () => {
    const other = await createIssuance();
    const { page, authorizations } = await anonymousPage();
    expect(admin.share_url.startsWith(`${baseUrl()}/ui/shared/`)).toBe(true);
    await page.goto(admin.share_url);
    await page.getByTestId('state').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Session ${issued.issuance.session_id}`);
    await expect(page.getByTestId('state').textContent()).resolves.toBe('credential_issued');
    await expect(page.locator('li.entry').evaluateAll((items) => items.map((item) => item.id))).resolves.toEqual(admin.entries.map((entry) => `entry-${entry.id}`));
    await expect(page.locator('main').textContent()).resolves.not.toContain(other.session_id);

    await expect(page.locator('section.problems .reason').textContent()).resolves.toContain(HOSTILE);
    await expect(page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('main img').count()).resolves.toBe(0);

    await expect(page.getByText('Supply claims').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Turn verbose capture on' }).count()).resolves.toBe(0);
    const hrefs = await page.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => href.startsWith('/'))).toEqual([]);
    expect(authorizations.filter(Boolean)).toEqual([]);
    await page.close();
  });

  it('downloads the shared session as HAR and as a curl script without an API key', async () => {
    const { page, authorizations } = await anonymousPage();
    await page.goto(admin.share_url);
    await page.getByTestId('state').waitFor();
    const [har] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HAR' }).click()]);
    expect(har.suggestedFilename()).toBe(`session-${issued.issuance.session_id}.har`);
    const log = (JSON.parse(readFileSync(await har.path(), 'utf8')) as { log: { entries: Array<{ request: { method: string; url: string } }> } }).log;
    expect(log.entries.map((entry) => `${entry.request.method} ${new URL(entry.request.url).pathname}`)).toEqual(expect.arrayContaining(['POST /token', 'POST /credential']));
    const [script] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download curl script' }).click()]);
    expect(script.suggestedFilename()).toBe(`session-${issued.issuance.session_id}.sh`);
    const shell = readFileSync(await script.path(), 'utf8');
    expect(shell.startsWith('#!/usr/bin/env bash')).toBe(true);
    expect(shell).toContain('curl ');
    expect(authorizations.filter(Boolean)).toEqual([]);
    await page.close();
  });

  it('opens the error_uri of a refused wallet request: its session, that request highlighted', async () => {
    const requestId = decodeURIComponent(new URL(issued.errorUri).hash.replace(/^#request-/, ''));
    const requestEntries = admin.entries.filter((entry) => entry.requestId === requestId);
    expect(requestEntries.some((entry) => entry.level === 'error' && entry.endpoint === '/credential')).toBe(true);

    const { page, authorizations } = await anonymousPage();
    await page.goto(issued.errorUri);
    await page.locator('li.entry.highlighted').first().waitFor();
    expect(new URL(issued.errorUri).pathname.startsWith('/ui/shared/')).toBe(true);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Session ${issued.issuance.session_id}`);
    const highlighted = page.locator('li.entry.highlighted');
    await expect(highlighted.count()).resolves.toBe(requestEntries.length);
    expect(new Set(await highlighted.locator('code.endpoint').allTextContents())).toEqual(new Set(['/credential']));
    await expect(highlighted.locator('.error-code').first().textContent()).resolves.toBe(requestEntries.find((entry) => entry.level === 'error')!.data!['error']);
    await expect(page.locator('section.problems .reason').textContent()).resolves.toContain(HOSTILE);
    await expect(page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    expect(authorizations.filter(Boolean)).toEqual([]);
    await page.close();
  });

  it('opens the error_uri of a request no session knows: that one request, highlighted, exportable', async () => {
    const refused = await new TestWallet().token({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': 'no-such-code' });
    expect(refused.body['error']).toBe('invalid_grant');
    const errorUri = new URL(refused.body['error_uri'] as string);
    const requestId = decodeURIComponent(errorUri.hash.replace(/^#request-/, ''));
    // Entries reach the session log asynchronously: open the page once the response's entry is there.
    await eventually(
      async () => (await fetch(`${baseUrl()}${errorUri.pathname.replace(/^\/ui\/shared\//, '/session-log/v1/shared/')}`)).json() as Promise<{ entries?: Array<{ message: string }> }>,
      (body) => body.entries?.some((entry) => entry.message === 'Responded 400') ?? false,
    );
    const { page, authorizations } = await anonymousPage();
    await page.goto(errorUri.href);
    await page.locator('li.entry.highlighted').first().waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Request ${requestId}`);
    await expect(page.locator('li.entry.highlighted').count()).resolves.toBe(await page.locator('li.entry').count());
    expect(new Set(await page.locator('li.entry code.endpoint').allTextContents())).toEqual(new Set(['/token']));
    await expect(page.locator('section.problems .error-code').first().textContent()).resolves.toBe('invalid_grant');
    const [har] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HAR' }).click()]);
    expect(har.suggestedFilename()).toBe(`request-${requestId}.har`);
    const entries = (JSON.parse(readFileSync(await har.path(), 'utf8')) as { log: { entries: Array<{ request: { url: string }; response: { status: number } }> } }).log.entries;
    expect(entries.map((entry) => [new URL(entry.request.url).pathname, entry.response.status])).toEqual([['/token', 400]]);
    expect(authorizations.filter(Boolean)).toEqual([]);
    await page.close();
  });

  it('says a share link is unknown when its token is not one the issuer signed', async () => {
    const { page } = await anonymousPage();
    const token = new URL(admin.share_url).pathname.replace(/^\/ui\/shared\//, '');
    await page.goto(`${baseUrl()}/ui/shared/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    await page.getByText('This share link is unknown or has expired.').waitFor();
    await expect(page.locator('li.entry').count()).resolves.toBe(0);
    await page.close();
  });

  describe('wallet compatibility', () => {
    const label = `PagesWallet${randomUUID().slice(0, 8)}`;
    let byWallet: IssuedByWallet;

    beforeAll(async () => {
      byWallet = await issueAsWallet(`${label}/3.1 (session pages)`, label);
    }, 60_000);

    it('shows the wallet a real session was labelled with: sessions, states, failures with step, error and count', async () => {
      const page = await openWithKey(browser, '/ui/wallets');
      const row = page.locator(`table.wallets tr[data-wallet="${label}"]`);
      await row.waitFor();
      await expect(page.locator('table.wallets th').allTextContents()).resolves.toEqual(['Wallet', 'Sessions', 'States', 'Dialects', 'Features exercised', 'Failures', 'Seen']);
      await expect(row.locator('td.wallet-label strong').textContent()).resolves.toBe(label);
      await expect(row.locator('td.wallet-label .muted').textContent()).resolves.toBe(`${label}/3.1 (session pages)`);
      await expect(row.locator('td.wallet-sessions').textContent()).resolves.toBe('1');
      await expect(row.locator('td.wallet-states').textContent()).resolves.toBe('credential_issued ×1');
      await expect(row.locator('td.wallet-failures').textContent()).resolves.toBe(`credential ${byWallet.refusedWith} ×1`);
      await page.close();
    });

    it('shows a wallet label made of markup as text', async () => {
      const page = await openWithKey(browser, '/ui/wallets');
      await page.locator(`table.wallets tr[data-wallet="${label}"]`).waitFor();
      const hostileLabel = (await adminSession(issued.issuance.session_id)).session?.walletLabel;
      expect(hostileLabel).toBe('<script>window.__pwned');
      await expect(page.locator('td.wallet-label strong', { hasText: hostileLabel! }).count()).resolves.toBe(1);
      await expect(page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
      await expect(page.locator('main img, main script').count()).resolves.toBe(0);
      await page.close();
    });
  });
});
