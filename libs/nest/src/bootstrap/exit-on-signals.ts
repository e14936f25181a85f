// Kubernetes sends SIGKILL terminationGracePeriodSeconds (30 s by default) after SIGTERM.
const GRACE_MS = Number(process.env['SHUTDOWN_GRACE_SECONDS'] ?? 25) * 1000;

/**
 * Graceful shutdown on SIGTERM or SIGINT: `close` answers the requests in flight, lets consumers ack
 * or nack and stops the outbox relay; the process exits 0 when it finished, 1 when it failed or
 * outlasted the grace period.
 */
export function exitOnSignals(close: () => Promise<void>, log: (message: string, error?: unknown) => void, name: string): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${name} stopping on ${signal}`);
    const deadline = setTimeout(() => {
      log(`${name} did not stop within ${GRACE_MS} ms`, new Error('shutdown timed out'));
      process.exit(1);
    }, GRACE_MS);
    deadline.unref();
    close().then(
      () => {
        log(`${name} stopped`);
        process.exit(0);
      },
      (error: unknown) => {
        log(`${name} failed to stop cleanly`, error);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, onSignal);
}
