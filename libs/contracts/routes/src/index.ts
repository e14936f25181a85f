export * from './route-table.js';
export * from './admin-api/z-api-keys.js';
export * from './admin-api/z-admin-error.js';
export * from './admin-api/z-issuances.js';
export * from './admin-api/z-session-log.js';
export * from './admin-api/z-webhooks.js';
export * from './admin-api/z-credential-configurations.js';
export * from './request-limits.js';
