export * from './auth-service.module.js';
