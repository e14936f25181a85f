export * from './protocol-error.js';
export * from './catalogue.js';
export * from './factories.js';
export * from './resource-server.js';
export * from './passed-check.js';
