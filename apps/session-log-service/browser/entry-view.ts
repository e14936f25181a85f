import type { Entry } from './api.js';
import { formatTime, h } from './dom.js';
import { checksView } from './checks-view.js';
import { jsonView } from './json-view.js';
import { specLink } from './spec-link.js';

const levelLabels: Record<string, string> = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' };

export function requestIdOf(entry: Entry): string | null {
  if (entry.requestId) return entry.requestId;
  const data = entry.data as Record<string, unknown> | null;
  return data && typeof data === 'object' && typeof data['request_id'] === 'string' ? data['request_id'] : null;
}

/** An entry's `reason`, `help` and `spec_ref`, the error code first, as the wallet developer needs them. */
export function explanation(entry: Entry): HTMLElement | null {
  const data = (entry.data && typeof entry.data === 'object' ? entry.data : {}) as Record<string, unknown>;
  const field = (name: string) => (typeof data[name] === 'string' ? (data[name] as string) : null);
  const code = field('error') ?? field('code');
  const reason = field('reason');
  const help = field('help');
  const specRef = field('spec_ref');
  if (!code && !reason && !help && !specRef) return null;
  const href = specRef ? specLink(specRef) : null;
  return h(
    'dl',
    { class: 'explanation' },
    code && [h('dt', {}, 'Error code'), h('dd', {}, h('code', { class: 'error-code' }, code))],
    field('error_description') && [h('dt', {}, 'Description'), h('dd', {}, field('error_description'))],
    reason && [h('dt', {}, 'Reason'), h('dd', { class: 'reason' }, reason)],
    help && [h('dt', {}, 'How to fix it'), h('dd', { class: 'help' }, help)],
    specRef && [h('dt', {}, 'Specification'), h('dd', {}, href ? h('a', { href, rel: 'noreferrer', target: '_blank', class: 'spec-ref' }, specRef) : h('span', { class: 'spec-ref' }, specRef))],
  );
}

export function traceLink(grafanaUrl: string | undefined, traceId: string | null): string | null {
  if (!grafanaUrl || !traceId || !/^[0-9a-f]{32}$/i.test(traceId)) return null;
  const pane = { datasource: 'issuer-tempo', queries: [{ refId: 'A', datasource: { type: 'tempo', uid: 'issuer-tempo' }, queryType: 'traceql', query: traceId }], range: { from: 'now-7d', to: 'now' } };
  return `${grafanaUrl}/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(JSON.stringify({ trace: pane }))}`;
}

export function entryView(entry: Entry, grafanaUrl: string | undefined): HTMLElement {
  const requestId = requestIdOf(entry);
  const trace = traceLink(grafanaUrl, entry.traceId);
  const level = levelLabels[entry.level] ?? entry.level.toUpperCase();
  return h(
    'li',
    { class: `entry level-${entry.level}`, id: `entry-${entry.id}`, 'data-level': entry.level, 'data-request-id': requestId },
    h(
      'div',
      { class: 'entry-head' },
      h('span', { class: `level level-${entry.level}` }, level),
      h('time', { datetime: entry.time }, formatTime(entry.time)),
      entry.endpoint && h('code', { class: 'endpoint' }, entry.endpoint),
      h('span', { class: 'message' }, entry.message),
      requestId && h('a', { class: 'request-link', href: `#request-${requestId}`, title: 'Link to this request' }, 'request'),
      trace && h('a', { class: 'trace-link', href: trace, rel: 'noreferrer', target: '_blank' }, 'trace in Grafana'),
    ),
    explanation(entry),
    checksView(entry.data),
    entry.data !== null && entry.data !== undefined && h('div', { class: 'entry-data' }, jsonView(entry.data)),
  );
}
