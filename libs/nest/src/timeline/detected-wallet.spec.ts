import { describe, expect, it } from '@jest/globals';
import { walletLabel } from './detected-wallet.js';

describe('walletLabel', () => {
  it('prefers the attested wallet name', () => {
    expect(walletLabel({ walletName: 'Acme Wallet', userAgent: 'okhttp/4.12.0', clientId: 'acme' })).toBe('Acme Wallet');
  });

  it('falls back to the User-Agent product without its version', () => {
    expect(walletLabel({ userAgent: 'Dart/3.4 (dart:io)', clientId: 'x' })).toBe('Dart');
    expect(walletLabel({ userAgent: 'node' })).toBe('node');
  });

  it('falls back to the client_id, then to unknown', () => {
    expect(walletLabel({ userAgent: '   ', clientId: 'wallet-client' })).toBe('wallet-client');
    expect(walletLabel({})).toBe('unknown');
  });

  it('bounds the label so a hostile User-Agent cannot make it long', () => {
    expect(walletLabel({ userAgent: `${'a'.repeat(500)}/1` })).toHaveLength(64);
  });
});
