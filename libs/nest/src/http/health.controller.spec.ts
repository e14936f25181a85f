import { describe, expect, it } from '@jest/globals';
import { openDatabase } from '@issuer/data-access-runtime';
import { InProcessBus } from '../messaging/index.js';
import { HealthController } from './health.controller.js';

const quietLog = { warn: () => {}, error: () => {} };

describe('HealthController', () => {
  it('is ready while the database and the event bus answer, and not once either is gone', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    const bus = new InProcessBus({ log: quietLog });
    const health = new HealthController(database, bus);
    try {
      await expect(health.ready()).resolves.toEqual({ status: 'ok' });
      await bus.close();
      await expect(health.ready()).rejects.toThrow(/closed/);
      expect(health.live()).toEqual({ status: 'ok' });
    } finally {
      await database.close();
    }

    const reopened = new HealthController(database, new InProcessBus({ log: quietLog }));
    await expect(reopened.ready()).rejects.toThrow();
  });
});
