export * from './c-nonce.js';
