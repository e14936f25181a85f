export * from './openid-provider-login-state.js';
export * from './openid-provider-authorization-url.js';
export * from './check-openid-provider-id-token.js';
