export * from './client-authentication-method.js';
export * from './attestation-challenge.js';
export * from './verify-client-attestation.js';
export * from './verify-client-attestation-pop.js';
export * from './verify-client-assertion.js';
export * from './resolve-did-client-key.js';
