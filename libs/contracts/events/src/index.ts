export * from './envelope.js';
export * from './outbox.js';
