import { AsyncLocalStorage } from 'node:async_hooks';

export interface TransactionScope<S> {
  /** The store of the transaction open in this async context, if any. */
  current(): S | undefined;
  /** Runs `fn` with `store` as the current store; work it leaves behind falls back to none. */
  run<T>(store: S, fn: () => Promise<T>): Promise<T>;
}

/**
 * Lets repository calls made inside `markProcessed` join its transaction. On PGlite's single
 * connection a write made beside an open transaction waits for it to end, which it never does
 * while the handler waits for that write.
 */
export function createTransactionScope<S>(): TransactionScope<S> {
  const storage = new AsyncLocalStorage<{ store: S; open: boolean }>();
  return {
    current() {
      const entry = storage.getStore();
      return entry?.open ? entry.store : undefined;
    },
    async run(store, fn) {
      const entry = { store, open: true };
      try {
        return await storage.run(entry, fn);
      } finally {
        entry.open = false;
      }
    },
  };
}

/** `root` with each method running on the scope's current store when there is one. */
export function withinScope<S extends object>(root: S, scope: TransactionScope<S>): S {
  const bound: Record<string, unknown> = {};
  for (const key of Object.keys(root)) {
    bound[key] = (...args: unknown[]) => {
      const store = (scope.current() ?? root) as Record<string, (...args: unknown[]) => unknown>;
      return store[key]?.(...args);
    };
  }
  return bound as S;
}
