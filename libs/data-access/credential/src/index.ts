export * from './credential-migrations.js';
export * from './issued-credential.js';
export * from './issued-credential-store.js';
export * from './create-credential-repository.js';
