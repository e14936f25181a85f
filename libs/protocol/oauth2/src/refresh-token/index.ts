export * from './check-refresh-token.js';
export * from './create-refresh-token.js';
