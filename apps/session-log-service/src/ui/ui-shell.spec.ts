import { describe, expect, it } from '@jest/globals';
import { uiContentSecurityPolicy } from './ui.controller.js';
import { renderUiShell } from './ui-shell.js';

describe('the session pages shell', () => {
  it('escapes the session id from the path wherever it appears', () => {
    const html = renderUiShell({ page: 'session', title: 'Session "><script>alert(1)</script>', data: { 'session-id': '"><script>alert(1)</script>' } });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('data-session-id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('<title>Session &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });

  it('loads only its own module script, and gives a share link no way to other sessions', () => {
    const shared = renderUiShell({ page: 'shared', title: 'Shared', data: { token: 't' } });
    expect([...shared.matchAll(/<script[^>]*>/g)].map(([tag]) => tag)).toEqual(['<script type="module" src="/ui/assets/shared-page.js">']);
    expect(shared).not.toContain('href="/ui/"');
    expect(renderUiShell({ page: 'sessions', title: 'Sessions', data: {} })).toContain('<a href="/ui/wallets">Wallets</a>');
  });

  it('leaves out data attributes that are not set', () => {
    expect(renderUiShell({ page: 'session', title: 'x', data: { 'session-id': 's', 'grafana-url': undefined } })).not.toContain('data-grafana-url');
  });

  it('forbids inline script and style', () => {
    expect(uiContentSecurityPolicy).toContain("script-src 'self'");
    expect(uiContentSecurityPolicy).toContain("default-src 'none'");
    expect(uiContentSecurityPolicy).not.toContain('unsafe-inline');
  });
});
