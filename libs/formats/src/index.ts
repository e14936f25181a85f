export * from './credential-format.js';
export * from './validate-claims.js';
export * from './jws-signer.js';
export * from './sd-jwt-vc/disclosure-frame.js';
export * from './sd-jwt-vc/issue-sd-jwt-vc.js';
