export * from './offer-service.module.js';
export * from './api-keys/manage-api-keys.js';
export * from './openapi/admin-openapi-document.js';
