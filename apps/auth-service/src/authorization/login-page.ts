import type { LoginForm } from './end-user-login.js';

export interface LoginPage {
  requestUri: string;
  clientId: string;
  /** The display names of what the wallet asks for. */
  credentials: string[];
  form: LoginForm;
  /** Shown above the form after a failed attempt. */
  problem?: string;
}

/** The playground's login and consent page: one form, labelled fields, no script. */
export function renderLoginPage(page: LoginPage): string {
  const problem = page.problem ? `<p role="alert" class="problem">${escapeHtml(page.problem)}</p>` : '';
  const credentials = page.credentials.map((name) => `<li>${escapeHtml(name)}</li>`).join('');
  return page.form.kind === 'password' ? passwordPage(page, page.form, credentials, problem) : consentPage(page, page.form, credentials, problem);
}

function passwordPage(page: LoginPage, form: Extract<LoginForm, { kind: 'password' }>, credentials: string, problem: string): string {
  const users = form.users.map((user) => `<li><code>${escapeHtml(user.username)}</code> / <code>${escapeHtml(user.password)}</code>: ${escapeHtml(user.name)}</li>`).join('');
  return `${head('Log in to get your credential')}
<h1>Log in to get your credential</h1>
<p>The wallet <strong>${escapeHtml(page.clientId)}</strong> asks for:</p>
<ul>${credentials}</ul>
${problem}
<form method="post" action="authorize">
<input type="hidden" name="request_uri" value="${escapeHtml(page.requestUri)}">
<input type="hidden" name="client_id" value="${escapeHtml(page.clientId)}">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="decision" value="allow">Log in and allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form>
<p class="hint">Test users of this playground:</p>
<ul class="hint">${users}</ul>
</main>
</body>
</html>`;
}

/** After a login at the OpenID Provider: who logged in, what the wallet asks for, allow or deny. */
function consentPage(page: LoginPage, form: Extract<LoginForm, { kind: 'consent' }>, credentials: string, problem: string): string {
  return `${head('Allow the wallet to get your credential')}
<h1>Allow the wallet to get your credential</h1>
<p>You are logged in as <strong>${escapeHtml(form.name)}</strong> at <strong>${escapeHtml(form.provider)}</strong>.</p>
<p>The wallet <strong>${escapeHtml(page.clientId)}</strong> asks for:</p>
<ul>${credentials}</ul>
${problem}
<form method="post" action="../authorize">
<input type="hidden" name="request_uri" value="${escapeHtml(page.requestUri)}">
<input type="hidden" name="client_id" value="${escapeHtml(page.clientId)}">
<input type="hidden" name="login" value="${escapeHtml(form.login)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</main>
</body>
</html>`;
}

function head(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { font: inherit; padding: .5rem; width: 100%; box-sizing: border-box; }
button { font: inherit; margin: 1.5rem .5rem 0 0; padding: .5rem 1.25rem; }
.problem { color: #a00000; font-weight: 600; }
.hint { color: #444; font-size: .9rem; }
</style>
</head>
<body>
<main>`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] as string);
}
