import { services, type SoakCluster, type SoakService } from './soak-cluster.js';
import { sleep } from './supervised-process.js';

export type Fault = SoakService | 'nats' | 'postgres';

/** In turn: each service killed, then the gateway, then NATS and PostgreSQL restarted. */
export const faultSequence: readonly Fault[] = [...services, 'gateway', 'nats', 'postgres'];

export interface InjectedFault {
  fault: Fault;
  how: string;
  /** From the fault until everything answers its readiness probe again. */
  recoveredAfterMs: number;
}

export async function injectFault(cluster: SoakCluster, fault: Fault): Promise<InjectedFault> {
  const started = Date.now();
  let how: string;
  if (fault === 'nats') {
    how = 'NATS server stopped and started (its JetStream store kept)';
    await cluster.nats.stop('SIGTERM');
    await sleep(1000);
    await cluster.nats.start();
  } else if (fault === 'postgres') {
    how = 'PostgreSQL restarted (fast shutdown: every connection cut)';
    await cluster.postgres.restart();
  } else {
    how = 'SIGKILL, restarted 0.5 s later';
    const process = cluster.processes.get(fault)!;
    await process.stop('SIGKILL');
    await sleep(500);
    await process.start();
  }
  await allReady(cluster);
  return { fault, how, recoveredAfterMs: Date.now() - started };
}

async function allReady(cluster: SoakCluster): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (const process of cluster.processes.values()) {
    while (!(await process.spec.ready().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${process.spec.name} did not recover:\n${process.recentOutput()}`);
      await sleep(200);
    }
  }
}
