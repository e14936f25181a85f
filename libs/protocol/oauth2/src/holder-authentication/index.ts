export * from './id-token-holder-authentication.js';
export * from './id-token-request-state.js';
export * from './create-id-token-request.js';
export * from './verify-holder-id-token.js';
export * from './issue-id-token.js';
