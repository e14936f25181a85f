import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clockTicksPerSecond, listProcesses, parseMachineCpu, parsePeakRss, parseProcStat, processTree, readCommandLine, readCpuMilliseconds, readPeakRss, readProcStat } from './proc-stat.js';

// proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
const statLine = (pid: number, comm: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1200 0 3 0 ${utime} ${stime} 7 9 20 0 11 0 3456 1102000000 30000 18446744073709551615\n`;

function fakeProc(processes: Array<{ pid: number; comm: string; ppid: number; utime: number; stime: number; cmdline?: string; hwmKb?: number }>): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-proc-'));
  for (const p of processes) {
    mkdirSync(join(root, String(p.pid)));
    writeFileSync(join(root, String(p.pid), 'stat'), statLine(p.pid, p.comm, p.ppid, p.utime, p.stime));
    writeFileSync(join(root, String(p.pid), 'cmdline'), `${(p.cmdline ?? p.comm).split(' ').join('\0')}\0`);
    writeFileSync(join(root, String(p.pid), 'status'), `Name:\t${p.comm}\nVmPeak:\t  999999 kB\nVmHWM:\t  ${p.hwmKb ?? 1000} kB\nVmRSS:\t  500 kB\n`);
  }
  mkdirSync(join(root, 'self'));
  writeFileSync(join(root, 'uptime'), '1.0 1.0\n');
  return root;
}

describe('parseProcStat', () => {
  it('reads ppid and utime + stime', () => {
    expect(parseProcStat(statLine(1234, 'node', 1, 250, 50))).toEqual({ pid: 1234, comm: 'node', ppid: 1, cpuTicks: 300 });
  });

  it('counts fields from the last parenthesis, whatever the command name holds', () => {
    expect(parseProcStat(statLine(77, 'a) S 1 (b', 9, 5, 6))).toEqual({ pid: 77, comm: 'a) S 1 (b', ppid: 9, cpuTicks: 11 });
    expect(parseProcStat(statLine(78, 'Web Content', 2, 1, 1)).comm).toBe('Web Content');
  });

  it('refuses what is not a stat line', () => {
    expect(() => parseProcStat('garbage')).toThrow(/not a \/proc stat line/);
    expect(() => parseProcStat('12 (x) S')).toThrow(/unreadable/);
  });
});

describe('parsePeakRss', () => {
  it('reads VmHWM in bytes, not VmPeak or VmRSS', () => {
    expect(parsePeakRss('VmPeak:\t  900 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1024 kB\n')).toBe(2048 * 1024);
    expect(parsePeakRss('Name:\tkthreadd\n')).toBeUndefined();
  });
});

describe('parseMachineCpu', () => {
  it('counts user, nice, system, irq and softirq as busy; idle, iowait and steal not', () => {
    const stat = 'cpu  100 5 50 1000 20 3 2 7 0 0\ncpu0 50 2 25 500 10 1 1 3 0 0\nintr 1 2 3\n';
    expect(parseMachineCpu(stat)).toEqual({ busyTicks: 160, totalTicks: 1187 });
  });

  it('reads the real /proc/stat and refuses text without a cpu line', () => {
    const { busyTicks, totalTicks } = parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
    expect(busyTicks).toBeGreaterThan(0);
    expect(totalTicks).toBeGreaterThan(busyTicks);
    expect(() => parseMachineCpu('intr 1 2\n')).toThrow(/no aggregate cpu line/);
  });
});

describe('reading /proc', () => {
  it('reads CPU time in milliseconds from ticks, command lines and peaks', () => {
    const root = fakeProc([{ pid: 10, comm: 'node', ppid: 1, utime: 120, stime: 30, cmdline: 'node apps/platform/dist/main.js', hwmKb: 4096 }]);
    expect(readCpuMilliseconds(10, root)).toBe((150 * 1000) / clockTicksPerSecond());
    expect(readCommandLine(10, root)).toBe('node apps/platform/dist/main.js');
    expect(readPeakRss(10, root)).toBe(4096 * 1024);
  });

  it('answers undefined or empty for a process that is gone', () => {
    const root = fakeProc([]);
    expect(readProcStat(999, root)).toBeUndefined();
    expect(readCpuMilliseconds(999, root)).toBeUndefined();
    expect(readPeakRss(999, root)).toBeUndefined();
    expect(readCommandLine(999, root)).toBe('');
  });

  it('lists numeric entries only and finds every descendant of the roots', () => {
    const root = fakeProc([
      { pid: 100, comm: 'node', ppid: 1, utime: 1, stime: 0 },
      { pid: 101, comm: 'node', ppid: 100, utime: 1, stime: 0 },
      { pid: 102, comm: 'node', ppid: 100, utime: 1, stime: 0 },
      { pid: 103, comm: 'sh', ppid: 101, utime: 1, stime: 0 },
      { pid: 200, comm: 'other', ppid: 1, utime: 1, stime: 0 },
    ]);
    const processes = listProcesses(root);
    expect(processes.map((p) => p.pid).sort()).toEqual([100, 101, 102, 103, 200]);
    expect(processTree([100], processes)).toEqual([100, 101, 102, 103]);
    expect(processTree([101, 200], processes)).toEqual([101, 200, 103]);
    expect(processTree([555], processes)).toEqual([]);
  });

  it('sees this process spend CPU on the real /proc', () => {
    const before = readCpuMilliseconds(process.pid)!;
    const until = performance.now() + 120;
    let spin = 0;
    while (performance.now() < until) spin++;
    const after = readCpuMilliseconds(process.pid)!;
    expect(spin).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(50);
    expect(readPeakRss(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(processTree([process.pid])[0]).toBe(process.pid);
  });
});
