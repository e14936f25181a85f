export * from './infrastructure.js';
export * from './infrastructure.module.js';
export * from './platform-secrets.js';
export * from './tokens.js';
export * from './credential-configurations.js';
export * from './credential-configuration-sync.js';
