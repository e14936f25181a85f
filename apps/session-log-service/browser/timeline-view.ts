import type { Entry, SessionEvent, SessionSummary, Timeline } from './api.js';
import { formatTime, h } from './dom.js';
import { entryView, explanation } from './entry-view.js';
import { jsonView } from './json-view.js';
import { explainState, stateClass } from './session-states.js';

export interface TimelineViewOptions {
  grafanaUrl: string | undefined;
  /** Admin-only parts (exports, supply claims); absent on a share link's page. */
  actions?: (session: SessionSummary) => Node[];
  /** Set when a share link shares one request, not a session: the page is about that request. */
  sharedRequestId?: string;
}

/** One session: who and what, what went wrong, every entry in order, and the events. */
export function timelineView(timeline: Timeline, sessionId: string, options: TimelineViewOptions): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(options.sharedRequestId && !timeline.session ? requestHeader(options.sharedRequestId, timeline.entries.length) : sessionHeader(timeline.session, sessionId));
  const errors = timeline.entries.filter((entry) => entry.level === 'error');
  if (errors.length > 0) fragment.append(problems(errors));
  if (timeline.session && options.actions) fragment.append(...options.actions(timeline.session));
  fragment.append(entriesSection(timeline.entries, options.grafanaUrl), eventsSection(timeline.events));
  return fragment;
}

function requestHeader(requestId: string, entries: number): HTMLElement {
  return h('section', { class: 'session-header' }, h('h1', {}, 'Request ', h('code', { class: 'request-id' }, requestId)), h('p', { class: 'muted' }, `One request to the issuer, shared by link: its ${entries} timeline entries, nothing else.`));
}

function sessionHeader(session: SessionSummary | null, sessionId: string): HTMLElement {
  if (!session) {
    return h('section', { class: 'session-header' }, h('h1', {}, 'Session ', h('code', {}, sessionId)), h('p', { class: 'muted' }, 'Entries have arrived but the session\'s first event has not: the state is not known yet.'));
  }
  const row = (label: string, value: Node | string | null | undefined) => value && [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'section',
    { class: 'session-header' },
    h('h1', {}, 'Session ', h('code', { class: 'session-id' }, session.id)),
    h('p', {}, h('span', { class: stateClass(session.state), 'data-testid': 'state' }, session.state), ' ', h('span', { class: 'state-explanation' }, explainState(session.state))),
    h(
      'dl',
      { class: 'facts' },
      row('Grant', session.grantType ?? 'unknown'),
      row('Credential configurations', session.credentialConfigurationIds.length ? h('span', {}, session.credentialConfigurationIds.map((id) => h('code', { class: 'chip' }, id))) : 'none'),
      row('Wallet', session.wallet ?? 'not identified yet'),
      row('Wallet name (attested)', session.walletName),
      row('Client ID', session.clientId && h('code', {}, session.clientId)),
      row('User agent', session.userAgent),
      row('Dialect', session.dialect ?? 'not detected yet'),
      row('Issuance', session.issuanceId && h('code', {}, session.issuanceId)),
      row('Created', formatTime(session.createdAt)),
      row('State since', formatTime(session.stateChangedAt)),
    ),
  );
}

function problems(errors: Entry[]): HTMLElement {
  return h(
    'section',
    { class: 'problems', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title' }, `What went wrong (${errors.length})`),
    h('ol', {}, errors.map((entry) => h('li', {}, h('a', { href: `#entry-${entry.id}` }, `${formatTime(entry.time)} ${entry.endpoint ?? ''} ${entry.message}`), explanation(entry)))),
  );
}

function entriesSection(entries: Entry[], grafanaUrl: string | undefined): HTMLElement {
  const list = h('ol', { class: 'entries' }, entries.map((entry) => entryView(entry, grafanaUrl)));
  const levelFilter = h(
    'select',
    { id: 'level-filter' },
    h('option', { value: 'debug' }, 'all levels'),
    h('option', { value: 'info' }, 'info and above'),
    h('option', { value: 'warn' }, 'warnings and errors'),
    h('option', { value: 'error' }, 'errors only'),
  );
  const ranks: Record<string, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  levelFilter.addEventListener('change', () => {
    for (const item of list.querySelectorAll<HTMLElement>('li.entry')) item.hidden = (ranks[item.dataset['level'] ?? ''] ?? 1) < (ranks[levelFilter.value] ?? 0);
  });
  return h(
    'section',
    { class: 'timeline', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, `Timeline (${entries.length} entries)`),
    h('p', { class: 'controls' }, h('label', { for: 'level-filter' }, 'Show '), levelFilter),
    entries.length ? list : h('p', { class: 'muted' }, 'No entries yet.'),
  );
}

function eventsSection(events: SessionEvent[]): HTMLElement {
  return h(
    'section',
    { class: 'events', 'aria-labelledby': 'events-title' },
    h('h2', { id: 'events-title' }, `Events (${events.length})`),
    events.length
      ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Type'), h('th', {}, 'Occurred'), h('th', {}, 'Details'))), h('tbody', {}, events.map((event) => h('tr', {}, h('td', {}, h('code', {}, event.type)), h('td', {}, formatTime(event.occurredAt)), h('td', {}, event.data === null ? '' : jsonView(event.data))))))
      : h('p', { class: 'muted' }, 'No events yet.'),
  );
}

/** `#request-{id}`: scrolls to that request's entries and marks them. */
export function highlightRequestFromHash(): void {
  for (const marked of document.querySelectorAll('.entry.highlighted')) marked.classList.remove('highlighted');
  const requestId = /^#request-(.+)$/.exec(location.hash)?.[1];
  if (!requestId) return;
  const decoded = decodeURIComponent(requestId);
  const entries = [...document.querySelectorAll<HTMLElement>('li.entry')].filter((item) => item.dataset['requestId'] === decoded);
  for (const item of entries) item.classList.add('highlighted');
  entries[0]?.scrollIntoView({ block: 'start' });
}
