export * from './offer-service.module.js';
