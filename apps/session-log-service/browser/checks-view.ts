import { h } from './dom.js';
import { specLink } from './spec-link.js';

interface PassedCheck {
  check: string;
  verdict: string;
  detail: string;
  spec_ref: string;
}

/** The checks an entry reports (`data.checks`: one list, or one list per key proof), as a table of verdicts. */
export function checksView(data: unknown): HTMLElement | null {
  const checks = data && typeof data === 'object' ? (data as Record<string, unknown>)['checks'] : undefined;
  if (!Array.isArray(checks) || checks.length === 0) return null;
  const lists = checks.every(Array.isArray) ? (checks as unknown[][]) : [checks];
  const rows = lists.flatMap((list, index) => list.filter(isPassedCheck).map((check) => row(check, lists.length > 1 ? `proof ${index + 1}: ` : '')));
  if (rows.length === 0) return null;
  return h(
    'table',
    { class: 'checks', 'aria-label': 'Checks' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Check'), h('th', {}, 'Verdict'), h('th', {}, 'Found'), h('th', {}, 'Specification'))),
    h('tbody', {}, rows),
  );
}

function row(check: PassedCheck, prefix: string): HTMLElement {
  const href = specLink(check.spec_ref);
  return h(
    'tr',
    { class: `check verdict-${check.verdict}` },
    h('td', {}, h('code', {}, `${prefix}${check.check}`)),
    h('td', { class: 'verdict' }, check.verdict === 'pass' ? '✓ pass' : check.verdict),
    h('td', {}, check.detail),
    h('td', {}, href ? h('a', { href, rel: 'noreferrer', target: '_blank' }, check.spec_ref) : check.spec_ref),
  );
}

function isPassedCheck(value: unknown): value is PassedCheck {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['check'] === 'string' && typeof candidate['verdict'] === 'string' && typeof candidate['detail'] === 'string' && typeof candidate['spec_ref'] === 'string';
}
