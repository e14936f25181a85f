import { getSharedTimeline } from './api.js';
import { main, notice } from './dom.js';
import { highlightRequestFromHash, timelineView } from './timeline-view.js';

const token = document.body.dataset['token'] ?? '';
const grafanaUrl = document.body.dataset['grafanaUrl'];

/** A share link's holder: one session, read-only, nothing that leads to other sessions. */
async function load(): Promise<void> {
  const result = await getSharedTimeline(token);
  if (!result.ok) {
    main().replaceChildren(
      result.kind === 'unavailable'
        ? notice('unavailable', 'Shared timelines are not available on this issuer yet.', 'The issuer does not serve share links; ask its operator for the session id instead.')
        : result.kind === 'not-found'
          ? notice('error', 'This share link is unknown or has expired.', result.reason, 'Ask whoever gave you the link for a new one.')
          : notice('error', `The timeline could not be loaded (HTTP ${result.status || 'no answer'}).`, result.reason, result.help),
    );
    return;
  }
  main().replaceChildren(timelineView(result.value, result.value.session?.id ?? '', { grafanaUrl }));
  highlightRequestFromHash();
}

addEventListener('hashchange', highlightRequestFromHash);
void load();
