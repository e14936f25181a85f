import { adminActions } from './admin-actions.js';
import { getTimeline, type Timeline } from './api.js';
import { h, main, notice } from './dom.js';
import { failureNotice, withApiKey } from './key-form.js';
import { highlightRequestFromHash, timelineView } from './timeline-view.js';

const POLL_MS = 4000;
const sessionId = document.body.dataset['sessionId'] ?? '';
const grafanaUrl = document.body.dataset['grafanaUrl'];

withApiKey(async () => {
  const result = await getTimeline(sessionId);
  if (!result.ok) {
    if (result.kind !== 'unauthorized' && result.kind !== 'forbidden') main().replaceChildren(h('p', {}, h('a', { href: '/ui/' }, '← All sessions')), failureNotice(result, `Session ${sessionId}`));
    return result;
  }
  show(result.value);
  watch(result.value);
});

function show(timeline: Timeline): void {
  main().replaceChildren(h('p', {}, h('a', { href: '/ui/' }, '← All sessions')), h('div', { id: 'live' }), timelineView(timeline, sessionId, { grafanaUrl, actions: adminActions }));
  highlightRequestFromHash();
}

/**
 * Polls, and offers the news instead of redrawing: a redraw would close the data the operator
 * unfolded. Polling, not SSE, because EventSource cannot send the Authorization header.
 */
function watch(shown: Timeline): void {
  const timer = setInterval(async () => {
    const result = await getTimeline(sessionId);
    if (!result.ok) return;
    const latest = result.value;
    const newEntries = latest.entries.length - shown.entries.length;
    const newEvents = latest.events.length - shown.events.length;
    if (newEntries <= 0 && newEvents <= 0 && latest.session?.state === shown.session?.state) return;
    const reload = h('button', { type: 'button' }, 'Show them');
    reload.addEventListener('click', () => {
      clearInterval(timer);
      show(latest);
      watch(latest);
    });
    document.getElementById('live')?.replaceChildren(notice('info', `New on this session: ${newEntries} entries, ${newEvents} events${latest.session?.state !== shown.session?.state ? `, state ${latest.session?.state ?? 'unknown'}` : ''}.`), reload);
  }, POLL_MS);
}

addEventListener('hashchange', highlightRequestFromHash);
