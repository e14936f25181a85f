import { apiKey, type Failure } from './api.js';
import { h, main, notice } from './dom.js';

/**
 * Runs `show` with the operator's key, asking for it first when this tab has none. A refused key
 * is forgotten and asked for again, with the API's reason.
 */
export function withApiKey(show: () => Promise<Failure | void>): void {
  if (!apiKey.get()) return askForKey();
  void show().then((failure) => {
    if (failure && (failure.kind === 'unauthorized' || failure.kind === 'forbidden')) {
      apiKey.clear();
      askForKey(notice('error', failure.kind === 'forbidden' ? 'This API key may not read session timelines.' : 'The API key was not accepted.', failure.reason, failure.help));
    }
  });

  function askForKey(problem?: HTMLElement): void {
    const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
    const form = h(
      'form',
      { class: 'key-form' },
      h('h1', {}, 'Management API key'),
      h('p', {}, 'These pages read the management API with your key (ADMIN_API_KEY or one created with POST /admin/v1/api-keys, read scope). It is kept in this tab only (sessionStorage) and sent as ', h('code', {}, 'Authorization: Bearer …'), '.'),
      problem,
      h('label', { for: 'api-key' }, 'API key'),
      input,
      h('button', { type: 'submit' }, 'Use this key'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      apiKey.set(input.value);
      withApiKey(show);
    });
    main().replaceChildren(form);
    input.focus();
  }
}

export function failureNotice(failure: Failure, what: string): HTMLElement {
  if (failure.kind === 'unavailable') return notice('unavailable', `${what} is not available on this issuer yet.`, `The issuer has no such API (HTTP ${failure.status}).`);
  if (failure.kind === 'not-found') return notice('error', `${what}: not found.`, failure.reason, failure.help);
  return notice('error', `${what} could not be loaded (HTTP ${failure.status || 'no answer'}).`, failure.reason, failure.help);
}
