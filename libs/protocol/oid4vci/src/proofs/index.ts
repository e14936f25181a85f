export * from './parse-proofs.js';
export * from './verify-jwt-proof.js';
export * from './check-batch-proofs.js';
