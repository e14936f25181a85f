export * from './auth-migrations.js';
export * from './pre-authorized-code.js';
export * from './pre-authorized-code-store.js';
export * from './create-auth-repository.js';
export * from './authorization-request.js';
export * from './authorization-request-store.js';
export * from './refresh-token.js';
export * from './refresh-token-store.js';
