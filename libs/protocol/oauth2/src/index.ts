export * from './verify-dpop-proof.js';
export * from './normalize-htu.js';
export * from './dpop-nonce.js';
export * from './parse-authorization-header.js';
export * from './access-token.js';
export * from './token-response.js';
export * from './hash-secret.js';
export * from './token-request/index.js';
