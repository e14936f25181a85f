interface PendingCall<I, O> {
  input: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * One function call per input, one `runBatch` per group of calls: the calls made in one turn of
 * the event loop go together at its end (`setImmediate`), and the calls made while a batch runs go
 * together in the next. Under load the loop answers many requests per turn, so N requests pay for
 * one statement and one commit instead of N; an idle platform waits for nothing but the end of
 * the turn. `runBatch` returns one output per input, in order; if it throws, every call of that
 * batch rejects with its error.
 */
export function coalesceCalls<I, O>(runBatch: (inputs: I[]) => Promise<O[]>, { maxBatch = 256 } = {}): (input: I) => Promise<O> {
  const queue: PendingCall<I, O>[] = [];
  let running = false;
  let scheduled = false;

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const outputs = await runBatch(batch.map((call) => call.input));
          batch.forEach((call, index) => call.resolve(outputs[index] as O));
        } catch (error) {
          for (const call of batch) call.reject(error);
        }
      }
    } finally {
      running = false;
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (running || scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        void drain();
      });
    });
}
