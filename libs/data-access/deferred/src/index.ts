export * from './deferred-migrations.js';
export * from './deferred-transaction.js';
export * from './deferred-transaction-store.js';
export * from './create-deferred-repository.js';
