import { getSharedTimeline } from './api.js';
import { h, main, notice } from './dom.js';
import { exportButtons } from './export-buttons.js';
import { highlightRequestFromHash, timelineView } from './timeline-view.js';

const token = document.body.dataset['token'] ?? '';
const grafanaUrl = document.body.dataset['grafanaUrl'];

/** A share link's holder: one session (or one request), read-only, nothing that leads to other sessions. */
async function load(): Promise<void> {
  const result = await getSharedTimeline(token);
  if (!result.ok) {
    main().replaceChildren(
      result.kind === 'not-found' || result.kind === 'unavailable'
        ? notice('error', 'This share link is unknown or has expired.', result.reason, 'Ask whoever gave you the link for a new one.')
        : notice('error', `The timeline could not be loaded (HTTP ${result.status || 'no answer'}).`, result.reason, result.help),
    );
    return;
  }
  const timeline = result.value;
  const shared = timeline.shared;
  const name = shared?.kind === 'request' ? `request-${shared.id}` : `session-${timeline.session?.id ?? shared?.id ?? 'shared'}`;
  main().replaceChildren(
    timelineView(timeline, timeline.session?.id ?? shared?.id ?? '', { grafanaUrl, sharedRequestId: shared?.kind === 'request' ? shared.id : undefined }),
    h('section', { class: 'actions', 'aria-label': 'Exports' }, h('p', {}, 'This timeline, to replay or to inspect in a browser\'s network tools:'), exportButtons({ kind: 'shared', token }, name)),
  );
  highlightRequestFromHash();
}

addEventListener('hashchange', highlightRequestFromHash);
void load();
