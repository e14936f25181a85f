import { verboseHeadersMember } from '@issuer/nest';
import type { IngestedEntry } from './otlp-logs-to-entries.js';

/**
 * Puts a request's verbose-only headers (proxy, mesh, message signatures) back into its recorded
 * headers when its session's verbose capture was on at the time, and drops them otherwise.
 */
export function applyVerboseCapture(entries: IngestedEntry[], verboseUntil: Map<string, Date>): IngestedEntry[] {
  return entries.map((entry) => {
    const data = entry.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null || !(verboseHeadersMember in data)) return entry;
    const { [verboseHeadersMember]: verbose, ...rest } = data;
    const until = entry.sessionId ? verboseUntil.get(entry.sessionId) : undefined;
    if (!until || entry.time > until || typeof verbose !== 'object' || verbose === null) return { ...entry, data: rest };
    return { ...entry, data: { ...rest, headers: { ...(rest['headers'] as Record<string, unknown>), ...(verbose as Record<string, unknown>) } } };
  });
}
