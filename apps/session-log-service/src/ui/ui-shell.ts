import { escapeHtml } from './escape-html.js';

export type UiPage = 'sessions' | 'session' | 'shared' | 'wallets';

export interface UiShell {
  page: UiPage;
  title: string;
  /** Read by the page's script from `data-*` attributes: the session id or share token, the Grafana URL. */
  data: Record<string, string | undefined>;
}

/**
 * The server renders only this shell; the page's module fetches the timeline with the operator's
 * key (kept in sessionStorage, never in a cookie) and builds the DOM with textContent, so nothing a
 * wallet sent is ever parsed as HTML.
 */
export function renderUiShell(shell: UiShell): string {
  const attributes = Object.entries(shell.data)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
  // A share link's holder gets no way to other sessions.
  const nav =
    shell.page === 'shared'
      ? '<span class="brand">Issuer session timeline</span>'
      : '<span class="brand">Issuer sessions</span><a href="/ui/">Sessions</a><a href="/ui/wallets">Wallets</a>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shell.title)}</title>
<link rel="stylesheet" href="/ui/assets/ui.css">
<script type="module" src="/ui/assets/${shell.page}-page.js"></script>
</head>
<body data-page="${shell.page}"${attributes}>
<header><nav>${nav}</nav></header>
<main id="main"><p class="muted">Loading…</p><noscript><p>These pages need JavaScript: they fetch the timeline with your API key from the management API.</p></noscript></main>
</body>
</html>
`;
}
