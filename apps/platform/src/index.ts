export * from './embedded-platform.js';
export * from './demo-offer.js';
export * from './gateway.js';
export * from './registered-routes.js';
