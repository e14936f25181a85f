export * from './client-authentication-method.js';
export * from './attestation-challenge.js';
export * from './verify-client-attestation.js';
export * from './verify-client-attestation-pop.js';
