import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * OID4VCI 1.0 Sections 4.1 and 12.2.1 require `https`; plain `http` is let through for loopback
 * hosts only, as RFC 8252 Section 8.3 does, so the embedded platform runs on a developer machine.
 */
export const zHttpsUrl = z.url().refine(
  (value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  },
  { error: 'must be an https URL' },
);
