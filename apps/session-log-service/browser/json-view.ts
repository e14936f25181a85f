import { h } from './dom.js';
import { decodeJwt } from './jwt.js';

/** Objects and arrays with more members than this, or nested deeper, start folded. */
const OPEN_MEMBERS = 6;
const OPEN_DEPTH = 1;
const LONG_STRING = 160;

/** A JSON value as a tree of <details>: large parts folded, JWTs shown decoded (header, payload). */
export function jsonView(value: unknown, depth = 0): Node {
  if (typeof value === 'string') return stringView(value, depth);
  if (value === null || typeof value !== 'object') return h('span', { class: `json-${value === null ? 'null' : typeof value}` }, JSON.stringify(value) ?? String(value));
  const members: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  if (members.length === 0) return h('span', { class: 'json-empty' }, Array.isArray(value) ? '[]' : '{}');
  const label = Array.isArray(value) ? `[ ${members.length} item${members.length === 1 ? '' : 's'} ]` : `{ ${members.length} key${members.length === 1 ? '' : 's'} }`;
  const open = depth < OPEN_DEPTH && members.length <= OPEN_MEMBERS;
  return h(
    'details',
    { class: 'json', open },
    h('summary', {}, label, !open && !Array.isArray(value) ? h('span', { class: 'json-keys' }, ` ${members.map(([key]) => key).slice(0, 5).join(', ')}${members.length > 5 ? ', …' : ''}`) : null),
    h('dl', {}, members.flatMap(([key, member]) => [h('dt', {}, key), h('dd', {}, jsonView(member, depth + 1))])),
  );
}

function stringView(value: string, depth: number): Node {
  const jwt = decodeJwt(value);
  if (jwt) {
    const alg = typeof jwt.header['alg'] === 'string' ? jwt.header['alg'] : '';
    const typ = typeof jwt.header['typ'] === 'string' ? `, ${jwt.header['typ']}` : '';
    return h(
      'details',
      { class: 'json jwt' },
      h('summary', {}, `JWT (${alg}${typ}), decoded, not verified`),
      h('dl', {}, h('dt', {}, 'header'), h('dd', {}, jsonView(jwt.header, depth + 1)), h('dt', {}, 'payload'), h('dd', {}, jsonView(jwt.payload, depth + 1))),
      h('details', { class: 'json' }, h('summary', {}, 'compact form'), h('code', { class: 'json-string wrap' }, value)),
    );
  }
  if (value.length > LONG_STRING) return h('details', { class: 'json' }, h('summary', {}, h('code', { class: 'json-string' }, `"${value.slice(0, 60)}…"`), ` ${value.length} characters`), h('code', { class: 'json-string wrap' }, JSON.stringify(value)));
  return h('code', { class: 'json-string' }, JSON.stringify(value));
}
