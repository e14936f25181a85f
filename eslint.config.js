import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const infrastructurePackages = ['@nestjs/*', '@prisma/*', 'prisma', 'pg', '@electric-sql/pglite', 'pglite-prisma-adapter', '@nats-io/*', 'fastify'];

/** The module boundaries; `testing` adds the testing lib to what a library may use (its specs). */
function depConstraints({ testing }) {
  const pure = testing ? ['type:pure', 'type:testing'] : ['type:pure'];
  return [
    // ARCHITECTURE.md principle 1: protocol logic is pure.
    { sourceTag: 'type:pure', onlyDependOnLibsWithTags: pure, bannedExternalImports: infrastructurePackages },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:pure'], bannedExternalImports: infrastructurePackages },
    { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: [...pure, 'type:data-access'] },
    { sourceTag: 'type:nest', onlyDependOnLibsWithTags: [...pure, 'type:data-access', 'type:nest'] },
    // Principle 6: each service owns its data; it reaches only its own data-access lib.
    { sourceTag: 'scope:offer', onlyDependOnLibsWithTags: ['scope:offer', 'scope:shared'] },
    { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
    { sourceTag: 'scope:credential', onlyDependOnLibsWithTags: ['scope:credential', 'scope:shared'] },
    { sourceTag: 'scope:deferred', onlyDependOnLibsWithTags: ['scope:deferred', 'scope:shared'] },
    { sourceTag: 'scope:session-log', onlyDependOnLibsWithTags: ['scope:session-log', 'scope:shared'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
  ];
}

const moduleBoundaries = (options) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(options) }];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '.tools/**', '.nx/**', 'coverage/**', 'charts/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': moduleBoundaries({ testing: false }),
    },
  },
  // Specs may use the testing lib (wallet simulator, verifier contexts) whatever the lib under test.
  { files: ['**/*.spec.ts'], rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testing: true }) } },
];
