import { listSessions, type SessionSummary } from './api.js';
import { formatTime, h, main } from './dom.js';
import { failureNotice, withApiKey } from './key-form.js';
import { stateClass } from './session-states.js';

/** Polling, not SSE: EventSource cannot send the Authorization header the management API needs. */
const POLL_MS = 3000;
const knownStates = ['offer_created', 'offer_retrieved', 'token_issued', 'credential_issued', 'credential_deferred', 'claims_supplied', 'issuance_denied', 'credential_acked', 'credential_accepted', 'credential_deleted', 'credential_failure', 'issuance_deleted'];

const params = new URLSearchParams(location.search);
const state = h('select', { id: 'filter-state', name: 'state' }, h('option', { value: '' }, 'any state'));
const configuration = h('select', { id: 'filter-configuration', name: 'configuration' }, h('option', { value: '' }, 'any configuration'));
const wallet = h('input', { id: 'filter-wallet', name: 'wallet', type: 'search', placeholder: 'label, name, client_id or user agent', value: params.get('wallet') ?? '' });
const from = h('input', { id: 'filter-from', name: 'from', type: 'datetime-local', value: params.get('from') ?? '' });
const to = h('input', { id: 'filter-to', name: 'to', type: 'datetime-local', value: params.get('to') ?? '' });
const status = h('p', { class: 'live muted', 'aria-live': 'polite' });
const body = h('tbody');
let sessions: SessionSummary[] = [];
let timer: ReturnType<typeof setInterval> | undefined;

withApiKey(async () => {
  const failure = await refresh();
  if (failure) {
    if (failure.kind !== 'unauthorized' && failure.kind !== 'forbidden') main().replaceChildren(h('h1', {}, 'Issuance sessions'), failureNotice(failure, 'The session list'));
    return failure;
  }
  main().replaceChildren(
    h('h1', {}, 'Issuance sessions'),
    h(
      'form',
      { class: 'filters', role: 'search' },
      field('State', state),
      field('Credential configuration', configuration),
      field('Wallet', wallet),
      field('Created from (local time)', from),
      field('Created until (local time)', to),
    ),
    status,
    h('table', { class: 'sessions' }, h('thead', {}, h('tr', {}, ['Session', 'State', 'Grant', 'Credential configurations', 'Wallet', 'Dialect', 'Created', 'Updated'].map((title) => h('th', {}, title)))), body),
  );
  render();
  for (const input of [state, configuration, wallet, from, to]) input.addEventListener('input', () => void onFilterChange(input === state));
  clearInterval(timer);
  timer = setInterval(() => void refresh().then(render), POLL_MS);
});

function field(label: string, input: HTMLElement): HTMLElement {
  return h('label', {}, h('span', {}, label), input);
}

async function onFilterChange(stateChanged: boolean): Promise<void> {
  const query = new URLSearchParams();
  for (const input of [state, configuration, wallet, from, to]) if (input.value) query.set(input.name, input.value);
  history.replaceState(null, '', `?${query}`);
  if (stateChanged) await refresh();
  render();
}

/** The state filters on the server; configuration, wallet and time filter what it returned. */
async function refresh() {
  const result = await listSessions({ state: state.value || params.get('state') || undefined });
  if (!result.ok) {
    if (result.kind === 'unauthorized' || result.kind === 'forbidden') clearInterval(timer);
    if (body.isConnected) status.replaceChildren(failureNotice(result, 'The session list'));
    return result;
  }
  sessions = result.value;
  fillOptions(state, [...knownStates, ...sessions.map((session) => session.state)], params.get('state'));
  fillOptions(configuration, sessions.flatMap((session) => session.credentialConfigurationIds), params.get('configuration'));
  status.replaceChildren(`Live: refreshed every ${POLL_MS / 1000} s, last at ${new Date().toLocaleTimeString()}.`);
  return undefined;
}

function fillOptions(select: HTMLSelectElement, values: string[], initial: string | null): void {
  const have = new Set([...select.options].map((option) => option.value));
  for (const value of [...new Set(values)].sort()) if (!have.has(value)) select.append(h('option', { value }, value));
  if (initial && !select.dataset['initialised']) select.value = initial;
  select.dataset['initialised'] = 'yes';
}

function matches(session: SessionSummary): boolean {
  if (state.value && session.state !== state.value) return false;
  if (configuration.value && !session.credentialConfigurationIds.includes(configuration.value)) return false;
  const needle = wallet.value.trim().toLowerCase();
  if (needle && ![session.wallet, session.walletName, session.clientId, session.userAgent].some((value) => value?.toLowerCase().includes(needle))) return false;
  const created = session.createdAt ? new Date(session.createdAt).getTime() : NaN;
  if (from.value && !(created >= new Date(from.value).getTime())) return false;
  if (to.value && !(created <= new Date(to.value).getTime())) return false;
  return true;
}

function render(): void {
  const shown = sessions.filter(matches);
  body.replaceChildren(
    ...(shown.length
      ? shown.map((session) =>
          h(
            'tr',
            { 'data-session-id': session.id },
            h('td', {}, h('a', { href: `/ui/sessions/${encodeURIComponent(session.id)}` }, session.id)),
            h('td', {}, h('span', { class: stateClass(session.state) }, session.state)),
            h('td', {}, session.grantType ?? ''),
            h('td', {}, session.credentialConfigurationIds.join(', ')),
            h('td', {}, session.wallet ?? session.walletName ?? session.clientId ?? ''),
            h('td', {}, session.dialect ?? ''),
            h('td', {}, formatTime(session.createdAt)),
            h('td', {}, formatTime(session.updatedAt)),
          ),
        )
      : [h('tr', {}, h('td', { colspan: 8, class: 'muted' }, sessions.length ? 'No session matches these filters.' : 'No sessions yet.'))]),
  );
}
