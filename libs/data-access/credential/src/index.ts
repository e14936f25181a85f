export * from './credential-migrations.js';
export * from './issued-credential.js';
export * from './issued-credential-store.js';
export * from './status-list.js';
export * from './status-list-store.js';
export * from './credential-store.js';
export * from './test-behaviour-store.js';
export * from './create-credential-repository.js';
