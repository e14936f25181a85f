import type { TimelineEntry } from '@issuer/data-access-session-log';
import { isVerboseOnlyHeader } from '@issuer/nest';
import { bodyText, headerText, recordedRequests } from './recorded-requests.js';

const redacted = /^<present, len=(\d+)>$/;
// curl computes these itself, or they name the connection that was recorded, not the one it makes.
const leftOutHeaders = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding']);
// Marks where a placeholder goes while the text is built: JSON, form and URL encoding all leave it as it is.
const mark = '__PLACEHOLDER__';

/**
 * A bash script of curl commands repeating a timeline's requests. Secrets were never recorded
 * (redact.ts): each becomes a shell variable to set first, e.g. `$PRE_AUTHORIZED_CODE`, listed in
 * the header comment with the length the wallet sent.
 */
export function sessionToCurl(entries: TimelineEntry[], publicUrl: string, title: string): string {
  const placeholders = new Map<string, string>();
  const placeholder = (name: string, value: string): string => {
    const variable = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'SECRET';
    placeholders.set(variable, `${name}, ${value.replace(/^<present, /, '').replace(/>$/, '')} when recorded`);
    return `${mark}${variable}${mark}`;
  };
  const commands = recordedRequests(entries).map((request, index) => {
    const contentType = request.headers['content-type'] === undefined ? undefined : headerText(request.headers['content-type']);
    const lines = [`# ${index + 1}. ${request.method} ${pathOf(request.url)} at ${request.startedAt.toISOString()}${request.response ? `: answered ${request.response.status}` : ''}`];
    lines.push(`curl -sS -i -X ${request.method} ${shellWord(`${mark}ISSUER${mark}${withPlaceholders(request.url, placeholder)}`)}`);
    for (const [name, value] of Object.entries(request.headers)) {
      if (leftOutHeaders.has(name.toLowerCase()) || isVerboseOnlyHeader(name)) continue;
      const text = headerText(value);
      lines.push(`  -H ${shellWord(`${name}: ${redacted.test(text) ? placeholder(name, text) : text}`)}`);
    }
    const body = bodyText(replaceSecrets(request.body, placeholder), contentType);
    if (body !== undefined) lines.push(`  --data-raw ${shellWord(body)}`);
    return lines.join(' \\\n');
  });
  const variables = [...placeholders].map(([variable, what]) => `#   ${variable}: ${what}`);
  return [
    '#!/usr/bin/env bash',
    `# ${title}: the requests as the timeline recorded them (${commands.length}).`,
    '# Secrets were not recorded. Set these before running:',
    ...(variables.length > 0 ? variables : ['#   (none)']),
    '# DPoP and key proofs are single-use and short-lived: replace them with fresh ones to repeat a request.',
    'set -euo pipefail',
    `ISSUER="\${ISSUER:-${publicUrl.replace(/["$`\\]/g, '\\$&')}}"`,
    '',
    commands.join('\n\n'),
    '',
  ].join('\n');
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** A query parameter recorded as `<present, len=N>` (redactLocation) becomes a placeholder. */
function withPlaceholders(url: string, placeholder: (name: string, value: string) => string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const parts = url.slice(query + 1).split('&').map((pair) => {
    const [name = '', value = ''] = pair.split('=');
    const decoded = decodeURIComponent(value.replace(/\+/g, ' '));
    return redacted.test(decoded) ? `${name}=${placeholder(decodeURIComponent(name), decoded)}` : pair;
  });
  return `${url.slice(0, query)}?${parts.join('&')}`;
}

function replaceSecrets(value: unknown, placeholder: (name: string, value: string) => string, name = 'secret'): unknown {
  if (typeof value === 'string') return redacted.test(value) ? placeholder(name, value) : value;
  if (Array.isArray(value)) return value.map((item) => replaceSecrets(item, placeholder, name));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceSecrets(item, placeholder, key)]));
}

/** One shell word: literal text single-quoted, placeholders as "${NAME}". */
function shellWord(text: string): string {
  return text
    .split(mark)
    .map((part, index) => (index % 2 === 1 ? `"\${${part}}"` : part === '' ? '' : `'${part.replace(/'/g, `'\\''`)}'`))
    .join('') || "''";
}
