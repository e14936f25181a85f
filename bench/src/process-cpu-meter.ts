import { listProcesses, processTree, readCommandLine, readCpuMilliseconds, readPeakRss, type ProcStat } from './proc-stat.js';

export interface ProcessUsage {
  name: string;
  pid: number;
  /** CPU (user + system) used between start and stop, in milliseconds. */
  cpuMs: number;
  /** VmHWM at stop: the highest resident set since the process started. */
  peakRssBytes?: number;
  /** The process was gone at stop; its CPU since the last reading is lost. */
  exited?: boolean;
}

export interface InfrastructureUsage {
  name: string;
  pids: number[];
  cpuMs: number;
}

export interface CpuMeasurement {
  platform: ProcessUsage[];
  infrastructure: InfrastructureUsage[];
}

/**
 * CPU of the platform's processes (the given roots and every descendant) over a measured phase,
 * read from /proc; with a database name, also the PostgreSQL backends serving that database and
 * the NATS server, which the distributed platform leans on.
 */
export class ProcessCpuMeter {
  private platformStart = new Map<number, number>();
  private readonly names = new Map<number, string>();
  private infrastructureStart = new Map<number, number>();

  constructor(
    private readonly rootPids: readonly number[],
    private readonly database?: string,
  ) {}

  start(): void {
    const processes = listProcesses();
    this.platformStart = readAll(processTree(this.rootPids, processes));
    for (const pid of this.platformStart.keys()) this.names.set(pid, processName(pid, readCommandLine(pid)));
    this.infrastructureStart = readAll(this.infrastructureGroups(processes).flatMap((group) => group.pids));
  }

  stop(): CpuMeasurement {
    const processes = listProcesses();
    const platformPids = [...new Set([...this.platformStart.keys(), ...processTree(this.rootPids, processes)])];
    const platform = platformPids.map((pid): ProcessUsage => {
      const end = readCpuMilliseconds(pid);
      const start = this.platformStart.get(pid) ?? 0;
      const peakRssBytes = readPeakRss(pid);
      return {
        name: this.names.get(pid) ?? processName(pid, readCommandLine(pid)),
        pid,
        cpuMs: end === undefined ? 0 : end - start,
        ...(peakRssBytes !== undefined && { peakRssBytes }),
        ...(end === undefined && { exited: true }),
      };
    });
    const infrastructure = this.infrastructureGroups(processes).map(({ name, pids }) => ({
      name,
      pids,
      cpuMs: pids.reduce((sum, pid) => sum + ((readCpuMilliseconds(pid) ?? 0) - (this.infrastructureStart.get(pid) ?? 0)), 0),
    }));
    return { platform, infrastructure };
  }

  private infrastructureGroups(processes: readonly ProcStat[]): Array<{ name: string; pids: number[] }> {
    if (this.database === undefined) return [];
    const database = this.database;
    // A backend's title is "postgres: <user> <database> <client> <activity>" (PostgreSQL's ps display).
    const backends = processes.filter((stat) => stat.comm === 'postgres' && readCommandLine(stat.pid).split(' ').includes(database)).map((stat) => stat.pid);
    const nats = processes.filter((stat) => stat.comm === 'nats-server').map((stat) => stat.pid);
    return [
      { name: `postgres backends of ${database}`, pids: backends },
      { name: 'nats-server (whole server)', pids: nats },
    ];
  }
}

function readAll(pids: readonly number[]): Map<number, number> {
  const readings = new Map<number, number>();
  for (const pid of pids) {
    const cpu = readCpuMilliseconds(pid);
    if (cpu !== undefined) readings.set(pid, cpu);
  }
  return readings;
}

/** What a platform process is, from its command line. */
export function processName(pid: number, commandLine: string): string {
  if (/apps\/platform\/dist\/main\.js/.test(commandLine)) return 'platform (embedded)';
  if (/apps\/platform\/dist\/distributed\.js/.test(commandLine)) return 'gateway (distributed.js)';
  const service = /apps\/([\w-]+)\/dist\/main\.js/.exec(commandLine)?.[1];
  if (service) return service;
  return commandLine.split(' ').slice(0, 2).join(' ') || `pid ${pid}`;
}
