export * from './credential-service.module.js';
