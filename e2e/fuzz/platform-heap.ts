/**
 * The platform's V8 heap in use after a full garbage collection, read over the inspector protocol:
 * unlike resident memory it does not move with the collector's timing, so growth means retention.
 */
export async function heapUsedAfterCollection(inspectorPort: number): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  let lastId = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++lastId;
      socket.addEventListener('message', function answer(message: MessageEvent) {
        const reply = JSON.parse(String(message.data)) as { id?: number; result: Record<string, unknown> };
        if (reply.id !== id) return;
        socket.removeEventListener('message', answer);
        resolve(reply.result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const evaluated = (await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed' })) as { result: { value: number } };
    return evaluated.result.value;
  } finally {
    socket.close();
  }
}
