export * from './wallet-key.js';
export * from './sign-compact-jws.js';
export * from './create-dpop-proof.js';
export * from './create-jwt-proof.js';
export * from './create-pkce-pair.js';
export * from './fixed-clock.js';
export * from './mdoc-verifier-context.js';
export * from './mdl-elements.js';
