import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
}

describe('module boundaries (ARCHITECTURE.md principles 1 and 6)', () => {
  it('forbids Nest, Prisma and NATS in a pure protocol lib', async () => {
    for (const banned of ['@nestjs/common', '@prisma/client', '@nats-io/jetstream']) {
      const errors = await boundaryErrors('libs/protocol/oid4vci/src/probe.ts', `import * as banned from '${banned}';\nexport const probe = banned;\n`);
      expect(errors.join('\n')).toContain(`not allowed to import "${banned}"`);
    }
  }, 60_000);

  it("forbids a service to import another service's data-access lib", async () => {
    const errors = await boundaryErrors('apps/offer-service/src/probe.ts', "import { createAuthRepository } from '@issuer/data-access-auth';\nexport const probe = createAuthRepository;\n");
    expect(errors.join('\n')).toContain('scope:offer');
  }, 60_000);

  it('allows a service its own data-access lib and the shared libs', async () => {
    const errors = await boundaryErrors(
      'apps/offer-service/src/probe.ts',
      "import { createOfferRepository } from '@issuer/data-access-offer';\nimport { invalidRequest } from '@issuer/protocol-errors';\nexport const probe = [createOfferRepository, invalidRequest];\n",
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
