import { describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint } from 'jose';
import { createWalletKey } from './wallet-key.js';

describe('createWalletKey', () => {
  it('makes a P-256 key with only public members and its RFC 7638 thumbprint', async () => {
    const key = createWalletKey();
    expect(Object.keys(key.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(key.privateKey.asymmetricKeyType).toBe('ec');
    expect(key.jkt).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
  });

  it('makes a different key every time', () => {
    expect(createWalletKey().jkt).not.toBe(createWalletKey().jkt);
  });
});
