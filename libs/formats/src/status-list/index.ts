export * from './status-type.js';
export * from './status-list.js';
export * from './status-list-json.js';
export * from './status-list-token.js';
export * from './status-claim.js';
export * from './random-free-index.js';
