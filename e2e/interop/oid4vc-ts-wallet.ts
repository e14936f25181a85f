import { createHash, randomBytes } from 'node:crypto';
import { clientAuthenticationAnonymous, type CallbackContext, type ClientAuthenticationCallback, type JwtSignerJwk } from '@openid4vc/oauth2';
import { jwkThumbprint, type WalletKey } from './wallet-key.js';

export type WalletCallbacks = Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'>;

/** A wallet built on oid4vc-ts: the library speaks OID4VCI, the callbacks only hash, sign and draw randomness. */
export function walletCallbacks(keys: WalletKey[], clientAuthentication: ClientAuthenticationCallback = clientAuthenticationAnonymous()): WalletCallbacks {
  return {
    hash: (data, alg) => createHash(alg.replace('-', '')).update(data).digest(),
    generateRandom: (length) => randomBytes(length),
    clientAuthentication,
    signJwt: async (signer, { header, payload }) => {
      if (signer.method !== 'jwk') throw new Error(`unexpected signer method ${signer.method}`);
      const thumbprint = await jwkThumbprint(signer.publicJwk);
      const thumbprints = await Promise.all(keys.map((key) => key.thumbprint()));
      const key = keys[thumbprints.indexOf(thumbprint)];
      if (!key) throw new Error('asked to sign with a key this wallet does not hold');
      return { jwt: await key.sign(header, payload), signerJwk: signer.publicJwk };
    },
  };
}

export function jwkSigner(key: WalletKey): JwtSignerJwk {
  return { method: 'jwk', alg: 'ES256', publicJwk: key.publicJwk };
}
