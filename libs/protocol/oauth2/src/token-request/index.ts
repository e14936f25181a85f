export * from './form-parameters.js';
export * from './parse-authorization-details-parameter.js';
export * from './parse-token-request.js';
export * from './pre-authorized-code-grant.js';
export * from './authorization-code-grant.js';
export * from './refresh-token-grant.js';
export * from './pkce.js';
