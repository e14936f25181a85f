import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

// @peculiar/x509 builds certificates through WebCrypto; node's implementation is the provider.
x509.cryptoProvider.set(globalThis.crypto);

export { x509 };
