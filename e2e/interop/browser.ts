import { expect } from '@jest/globals';

/**
 * The End-User's browser at the authorization endpoint: opens the URL the wallet built, submits the
 * login form with the page's hidden fields, and returns the redirect (Location) back to the wallet.
 */
export async function logInWithBrowser(authorizationRequestUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<string> {
  const page = await fetch(authorizationRequestUrl);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  expect(action).toBeDefined();
  const form = new URLSearchParams({ ...hiddenFields(html), username: 'erika', password: 'erika', decision });
  const redirect = await fetch(new URL(action!, page.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
  expect(redirect.status).toBe(303);
  return redirect.headers.get('location') as string;
}

function hiddenFields(html: string): Record<string, string> {
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)];
  return Object.fromEntries(fields.map(([, name, value]) => [name as string, unescapeHtml(value as string)]));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] as string);
}
