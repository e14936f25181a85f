export * from './deferred-service.module.js';
