export * from './parse-authorization-request.js';
export * from './authorization-response.js';
export * from './authorization-code.js';
export * from './pushed-request-dpop-jkt.js';
