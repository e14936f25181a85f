import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createIssuance } from './support/issuer-api.js';
import { issueAsWallet, issueWithFailure, launchBrowser, openWithKey, type IssuedWithFailure } from './support/session-pages.js';

// UPDATE_SCREENSHOTS=1 writes the README's screenshots (docs/screenshots); otherwise they go to a temporary directory.
const directory = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(import.meta.dirname, '..', 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'session-pages-'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('screenshots of the session pages', () => {
  let browser: Browser;
  let issued: IssuedWithFailure;

  beforeAll(async () => {
    browser = await launchBrowser();
    issued = await issueWithFailure();
    await createIssuance({ deferred: true });
    await issueAsWallet('EUDI-Wallet/2025.11.1 (Android 14)', 'EUDI-Wallet');
    mkdirSync(directory, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  function expectPng(file: string): void {
    const png = readFileSync(join(directory, file));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(1280);
  }

  it('takes the sessions list', async () => {
    const page = await openWithKey(browser, '/ui/');
    await page.locator(`tr[data-session-id="${issued.issuance.session_id}"]`).waitFor();
    await page.screenshot({ path: join(directory, 'sessions-list.png') });
    expectPng('sessions-list.png');
    await page.close();
  });

  it('takes a session with a failed request', async () => {
    const page = await openWithKey(browser, `/ui/sessions/${issued.issuance.session_id}`);
    await page.getByTestId('state').waitFor();
    await page.screenshot({ path: join(directory, 'session-detail.png') });
    expectPng('session-detail.png');
    const error = page.locator('li.entry.level-error').first();
    await error.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(directory, 'session-error-entry.png') });
    expectPng('session-error-entry.png');
    const checks = page.locator('li.entry', { hasText: 'DPoP proof validated' }).filter({ has: page.locator('code.endpoint', { hasText: '/credential' }) }).last();
    await checks.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(directory, 'session-checks.png') });
    expectPng('session-checks.png');
    await page.close();
  });

  it('takes the wallet compatibility page', async () => {
    const page = await openWithKey(browser, '/ui/wallets');
    await page.locator('table.wallets').waitFor();
    await page.screenshot({ path: join(directory, 'wallets.png') });
    expectPng('wallets.png');
    await page.close();
  });
});
