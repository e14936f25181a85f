export * from './parse-authorization-request.js';
export * from './authorization-response.js';
export * from './authorization-code.js';
