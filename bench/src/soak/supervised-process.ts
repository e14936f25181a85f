import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Answers once the process serves again. */
  ready: () => Promise<boolean>;
}

const READY_TIMEOUT_MS = 60_000;

/** One process of the soak's cluster, restarted after a fault as Kubernetes restarts a container. */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private output: string[] = [];
  private internalErrors: string[] = [];

  constructor(readonly spec: ProcessSpec) {}

  async start(): Promise<void> {
    const child = spawn(this.spec.command, this.spec.args, { env: this.spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output.push(text);
      if (this.output.length > 2000) this.output.splice(0, 1000);
      // A 500 is a defect: its log line is kept, however much output follows it.
      for (const line of text.split('\n')) if (line.includes('"status":500') && this.internalErrors.length < 20) this.internalErrors.push(line.slice(0, 4000));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await this.spec.ready().catch(() => false))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.spec.name} exited while starting:\n${this.recentOutput()}`);
      if (Date.now() > deadline) throw new Error(`${this.spec.name} not ready within ${READY_TIMEOUT_MS} ms:\n${this.recentOutput()}`);
      await sleep(100);
    }
  }

  /** Sends `signal` and resolves once the process is gone; how it ended. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child?.exitCode ?? null, signal: child?.signalCode ?? null });
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', (code, exitSignal) => {
        clearTimeout(timer);
        resolve({ code, signal: exitSignal });
      });
      child.kill(signal);
    });
  }

  /** Log lines of requests answered 500, the first 20. */
  internalErrorLines(): string[] {
    return [...this.internalErrors];
  }

  recentOutput(length = 3000): string {
    return this.output.join('').slice(-length);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
