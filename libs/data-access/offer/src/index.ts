export * from './offer-migrations.js';
export * from './issuance.js';
export * from './issuance-store.js';
export * from './create-offer-repository.js';
export * from './webhook.js';
export * from './webhook-store.js';
export * from './api-key-store.js';
export * from './credential-configuration-store.js';
