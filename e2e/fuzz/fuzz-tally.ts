import { readdirSync, readFileSync } from 'node:fs';
import type { Verdict } from './send-hostile.js';

/** Requests sent per endpoint and the statuses they got, for the fuzz report. */
export class FuzzTally {
  readonly byEndpoint: Record<string, { sent: number; statuses: Record<number, number>; defects: string[] }> = {};

  record(endpoint: string, verdict: Verdict): void {
    const tally = (this.byEndpoint[endpoint] ??= { sent: 0, statuses: {}, defects: [] });
    tally.sent += 1;
    tally.statuses[verdict.status] = (tally.statuses[verdict.status] ?? 0) + 1;
    if (verdict.defect) tally.defects.push(verdict.defect);
  }

  get sent(): number {
    return Object.values(this.byEndpoint).reduce((sum, tally) => sum + tally.sent, 0);
  }

  get serverErrors(): number {
    return Object.values(this.byEndpoint).reduce((sum, tally) => sum + Object.entries(tally.statuses).filter(([status]) => Number(status) >= 500).reduce((count, [, n]) => count + n, 0), 0);
  }
}

/** Resident memory of a process and all its descendants (the distributed platform is six processes), in bytes. */
export function processTreeRss(rootPid: number): { bytes: number; processes: number } {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOptional(`/proc/${entry}/stat`);
    // proc(5): the command name is parenthesised and may contain spaces; ppid is the second field after it.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (Number.isFinite(ppid)) parents.set(Number(entry), ppid);
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(ppid) || tree.has(pid)) continue;
      tree.add(pid);
      grew = true;
    }
  }
  const bytes = [...tree].reduce((sum, pid) => sum + Number(/VmRSS:\s+(\d+) kB/.exec(readOptional(`/proc/${pid}/status`) ?? '')?.[1] ?? 0) * 1024, 0);
  return { bytes, processes: tree.size };
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
