import type { Prisma } from './generated/client.js';

export interface TestBehaviourStore {
  /** True for the one caller that applies `behaviour` first in the session; false ever after. */
  applyTestBehaviourOnce(sessionId: string, behaviour: string): Promise<boolean>;
}

export function testBehaviourStore(client: Prisma.TransactionClient): TestBehaviourStore {
  return {
    async applyTestBehaviourOnce(sessionId, behaviour) {
      const { count } = await client.appliedTestBehaviour.createMany({ data: [{ sessionId, behaviour }], skipDuplicates: true });
      return count === 1;
    },
  };
}
