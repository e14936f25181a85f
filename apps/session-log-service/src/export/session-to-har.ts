import type { TimelineEntry } from '@issuer/data-access-session-log';
import { bodyText, headerText, recordedRequests } from './recorded-requests.js';

/** HTTP Archive (HAR) 1.2 (W3C Web Performance WG draft, as browsers export it). */
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    comment: string;
    entries: HarEntry[];
  };
}

interface NameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    queryString: NameValue[];
    postData?: { mimeType: string; text: string; params?: NameValue[] };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment: string;
}

/**
 * A timeline's requests as a HAR 1.2 log for browser devtools and HTTP tools. Values are the
 * timeline's, so every secret stays `<present, len=N>`; sizes not recorded are -1 as HAR allows.
 */
export function sessionToHar(entries: TimelineEntry[], publicUrl: string, comment: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'issuer-platform session log', version: '1.0' },
      comment,
      entries: recordedRequests(entries).map((request) => {
        const contentType = headerString(request.headers['content-type']);
        const text = bodyText(request.body, contentType);
        const url = new URL(request.url, publicUrl);
        const responseType = headerString(request.response?.headers['content-type']) ?? 'application/octet-stream';
        const responseText = request.response?.body === undefined ? undefined : typeof request.response.body === 'string' ? request.response.body : JSON.stringify(request.response.body);
        const duration = Math.max(request.response?.durationMs ?? 0, 0);
        return {
          startedDateTime: request.startedAt.toISOString(),
          time: duration,
          request: {
            method: request.method,
            url: url.href,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: nameValues(request.headers),
            queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
            ...(text !== undefined && {
              postData: {
                mimeType: contentType ?? 'application/octet-stream',
                text,
                ...(contentType?.startsWith('application/x-www-form-urlencoded') && { params: [...new URLSearchParams(text)].map(([name, value]) => ({ name, value })) }),
              },
            }),
            headersSize: -1,
            bodySize: text === undefined ? 0 : Buffer.byteLength(text),
          },
          response: {
            status: request.response?.status ?? 0,
            statusText: '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: nameValues(request.response?.headers ?? {}),
            content: { size: responseText === undefined ? 0 : Buffer.byteLength(responseText), mimeType: responseType, ...(responseText !== undefined && { text: responseText }) },
            redirectURL: headerString(request.response?.headers['location']) ?? '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: duration, receive: 0 },
          comment: `request ${request.requestId}${request.response ? '' : '; no response recorded'}`,
        };
      }),
    },
  };
}

function nameValues(headers: Record<string, unknown>): NameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value: headerText(value) }));
}

function headerString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : headerText(value);
}
