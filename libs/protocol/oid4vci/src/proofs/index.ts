export * from './parse-proofs.js';
export * from './verify-jwt-proof.js';
export * from './verify-key-attestation.js';
export * from './verify-attestation-proof.js';
