import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Openid4vciClient, setGlobalConfig } from '@openid4vc/openid4vci';
import type { Browser } from 'playwright-core';
import { baseUrl, createIssuance, pidClaims, timelineWith } from '../support/issuer-api.js';
import { launchBrowser, openWithKey } from '../support/session-pages.js';
import { jwkSigner, walletCallbacks } from './oid4vc-ts-wallet.js';
import { generateWalletKey } from './wallet-key.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';

/** A session an independent wallet library produced, as a person sees it on the session page. */
describe('the session page of an oid4vc-ts wallet (@openid4vc/openid4vci) issuance', () => {
  let browser: Browser;

  beforeAll(async () => {
    setGlobalConfig({ allowInsecureUrls: true });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the verdict of each DPoP and key proof check and the issued SD-JWT with its disclosures', async () => {
    const proofKey = generateWalletKey();
    const dpopKey = generateWalletKey();
    const client = new Openid4vciClient({ callbacks: walletCallbacks([proofKey, dpopKey]) });
    const issuance = await createIssuance();
    const credentialOffer = await client.resolveCredentialOffer(issuance.offer_url);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const token = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, dpop: { signer: jwkSigner(dpopKey) } });
    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const proof = await client.createCredentialRequestJwtProof({ issuerMetadata, credentialConfigurationId: PID, signer: jwkSigner(proofKey), nonce: c_nonce });
    await client.retrieveCredentials({ issuerMetadata, accessToken: token.accessTokenResponse.access_token, credentialConfigurationId: PID, proofs: { jwt: [proof.jwt] }, ...(token.dpop && { dpop: token.dpop }) });
    await timelineWith(issuance.session_id, (entry) => entry.message === 'Credential issued');

    const page = await openWithKey(browser, `/ui/sessions/${issuance.session_id}`);
    await page.getByTestId('state').waitFor();

    const keyProofChecks = page.locator('li.entry', { hasText: 'Key proofs validated' }).getByRole('table', { name: 'Checks' });
    await expect(keyProofChecks.locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['typ', 'alg', 'signature', 'aud', 'iss', 'iat', 'nonce']);
    const audience = keyProofChecks.locator('tr', { has: page.locator('code', { hasText: /^aud$/ }) });
    await expect(audience.locator('td').nth(2).textContent()).resolves.toBe(`expected ${baseUrl()}, got "${baseUrl()}"`);

    const tokenDpopChecks = page.locator('li.entry', { hasText: 'DPoP proof validated' }).filter({ has: page.locator('code.endpoint', { hasText: '/token' }) }).getByRole('table', { name: 'Checks' });
    await expect(tokenDpopChecks.locator('tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual(expect.arrayContaining(['✓ pass']));
    await expect(tokenDpopChecks.locator('tr', { has: page.locator('code', { hasText: /^htu$/ }) }).locator('td').nth(2).textContent()).resolves.toBe(`expected ${baseUrl()}/token, got "${baseUrl()}/token"`);

    const issued = page.locator('li.entry', { hasText: 'Credential issued' }).locator('.entry-data');
    const text = await issued.textContent();
    expect(text).toContain('$.family_name');
    expect(text).toContain(pidClaims.family_name);
    expect(text).toContain('$.address.locality');
    await page.close();
  });
});
