import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import { CLIENT_ID, pushAuthorizationRequest, REDIRECT_URI } from './support/authorization.js';
import { baseUrl, createIssuance, timelineWith } from './support/issuer-api.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** The End-User's side of the authorization endpoint, in Debian's chromium (no browser can be downloaded here). */
describe('the login and consent page in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page of a fresh pushed request; the wallet's redirect_uri is answered here, not on the network. */
  async function openLoginPage() {
    const pushed = await pushAuthorizationRequest({ parameters: { scope: PID } });
    const requestUri = pushed.result.body['request_uri'] as string;
    const page = await browser.newPage();
    const redirects: string[] = [];
    await page.route(`${REDIRECT_URI}**`, async (route) => {
      redirects.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the wallet' });
    });
    await page.goto(`${baseUrl()}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: requestUri })}`);
    return { page, redirects, state: pushed.state };
  }

  it('shows who asks for what, with labelled fields, and sends the End-User back to the wallet with a code', async () => {
    const { page, redirects, state } = await openLoginPage();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Log in to get your credential');
    await expect(page.getByText(CLIENT_ID, { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('listitem').first().textContent()).resolves.toBe('Person Identification Data');

    await page.getByLabel('User name').fill('erika');
    await page.getByLabel('Password').fill('erika');
    await page.getByRole('button', { name: 'Log in and allow' }).click();
    await page.waitForURL(`${REDIRECT_URI}**`);

    expect(redirects).toHaveLength(1);
    const response = new URL(redirects[0]!);
    expect(Object.fromEntries(response.searchParams)).toEqual({ code: expect.any(String), state, iss: baseUrl() });
    await page.close();
  });

  it('says what went wrong after a wrong password, and Deny sends access_denied', async () => {
    const { page, redirects } = await openLoginPage();
    await page.getByLabel('User name').fill('erika');
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Log in and allow' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong user name or password.');

    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${REDIRECT_URI}**`);
    expect(new URL(redirects[0]!).searchParams.get('error')).toBe('access_denied');
    await page.close();
  });

  it('puts what the page showed and what the End-User chose on the session timeline', async () => {
    const issuance = await createIssuance({ authorizationCode: true });
    const issuerState = (issuance.credential_offer.grants['authorization_code'] as { issuer_state: string }).issuer_state;
    const pushed = await pushAuthorizationRequest({ parameters: { issuer_state: issuerState } });
    const page = await browser.newPage();
    await page.route(`${REDIRECT_URI}**`, (route) => route.fulfill({ status: 200, body: 'ok' }));
    await page.goto(`${baseUrl()}/authorize?${new URLSearchParams({ client_id: CLIENT_ID, request_uri: pushed.result.body['request_uri'] as string })}`);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(`${REDIRECT_URI}**`);
    await page.close();

    const timeline = await timelineWith(issuance.session_id, (entry) => entry.message === 'End-User denied the authorization request');
    expect(timeline.entries.map((entry) => entry.message)).toEqual(expect.arrayContaining(['Pushed authorization request stored', 'Login page shown', 'End-User denied the authorization request']));
  });
});
