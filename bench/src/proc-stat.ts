import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, in clock ticks (proc(5) fields 14 and 15). */
  cpuTicks: number;
}

/**
 * Parses /proc/<pid>/stat (proc(5)). The command name is in parentheses and may itself hold spaces
 * and parentheses, so the fields are counted from the last ')'.
 */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${text.slice(0, 80)}`);
  const pid = Number(text.slice(0, open).trim());
  // After the name come fields 3 (state), 4 (ppid) ... 14 (utime), 15 (stime).
  const fields = text.slice(close + 2).trim().split(' ');
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (![pid, ppid, utime, stime].every(Number.isFinite)) throw new Error(`unreadable /proc stat line: ${text.slice(0, 80)}`);
  return { pid, comm: text.slice(open + 1, close), ppid, cpuTicks: utime + stime };
}

/** VmHWM (peak resident set size) of /proc/<pid>/status, in bytes. */
export function parsePeakRss(statusText: string): number | undefined {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(statusText);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

export interface MachineCpu {
  /** Clock ticks all cores spent running something since boot (not idle, iowait or stolen by the hypervisor). */
  busyTicks: number;
  totalTicks: number;
}

/** The aggregate `cpu` line of /proc/stat (proc(5)): user nice system idle iowait irq softirq steal ... */
export function parseMachineCpu(statText: string): MachineCpu {
  const line = statText.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) throw new Error('no aggregate cpu line in /proc/stat');
  // guest and guest_nice are already counted in user and nice.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const totalTicks = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busyTicks: totalTicks - idle - iowait - steal, totalTicks };
}

export function readMachineCpu(procRoot = '/proc'): MachineCpu {
  return parseMachineCpu(readFileSync(`${procRoot}/stat`, 'utf8'));
}

let ticksPerSecond: number | undefined;

/** sysconf(_SC_CLK_TCK); 100 on every Linux we know of, asked once in case it is not. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      const answer = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      ticksPerSecond = Number.isInteger(answer) && answer > 0 ? answer : 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** The stat of a live process, or undefined once it has exited. */
export function readProcStat(pid: number, procRoot = '/proc'): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`${procRoot}/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function readCpuMilliseconds(pid: number, procRoot = '/proc'): number | undefined {
  const stat = readProcStat(pid, procRoot);
  return stat === undefined ? undefined : (stat.cpuTicks * 1000) / clockTicksPerSecond();
}

export function readPeakRss(pid: number, procRoot = '/proc'): number | undefined {
  try {
    return parsePeakRss(readFileSync(`${procRoot}/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The command line of a process, arguments joined by spaces; empty when unreadable. */
export function readCommandLine(pid: number, procRoot = '/proc'): string {
  try {
    return readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** Every live process, from one scan of /proc. */
export function listProcesses(procRoot = '/proc'): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry), procRoot);
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The given processes and all their descendants, parents before children. */
export function processTree(rootPids: readonly number[], processes: readonly ProcStat[] = listProcesses()): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processes) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const live = new Set(processes.map((stat) => stat.pid));
  const tree: number[] = [];
  const queue = rootPids.filter((pid) => live.has(pid));
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (tree.includes(pid)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}
