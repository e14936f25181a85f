import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { base58 } from '@scure/base';
import { DidError } from './crypto-errors.js';
import type { JWK } from './jwk.js';
import { resolveDidUrlToJwk } from './resolve-did-url.js';

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
const p256Jwk = p256.export({ format: 'jwk' }) as JWK;
const ed25519Jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as JWK;

function didKey(prefix: number[], key: Buffer): string {
  return `did:key:z${base58.encode(Uint8Array.from([...prefix, ...key]))}`;
}

function didError(didUrl: string): DidError {
  try {
    resolveDidUrlToJwk(didUrl);
  } catch (error) {
    if (error instanceof DidError) return error;
    throw error;
  }
  throw new Error(`${didUrl} resolved`);
}

describe('resolveDidUrlToJwk (did:jwk, did:key)', () => {
  it('reads the JWK of a did:jwk, with or without a fragment', () => {
    const did = `did:jwk:${Buffer.from(JSON.stringify(p256Jwk)).toString('base64url')}`;
    expect(resolveDidUrlToJwk(did)).toEqual(p256Jwk);
    expect(resolveDidUrlToJwk(`${did}#0`)).toEqual(p256Jwk);
  });

  it('decodes P-256 and Ed25519 did:key values', () => {
    const compressed = p256.export({ format: 'der', type: 'spki' }).subarray(-65);
    const x = compressed.subarray(1, 33);
    const point = Buffer.concat([Buffer.of(2 + (compressed[64] as number) % 2), x]);
    const p256Did = didKey([0x80, 0x24], point);
    expect(resolveDidUrlToJwk(`${p256Did}#${p256Did.slice('did:key:'.length)}`)).toEqual({ kty: 'EC', crv: 'P-256', x: p256Jwk.x, y: p256Jwk.y });
    expect(resolveDidUrlToJwk(didKey([0xed, 0x01], Buffer.from(ed25519Jwk.x as string, 'base64url')))).toEqual({ kty: 'OKP', crv: 'Ed25519', x: ed25519Jwk.x });
  });

  it('decodes a jwk_jcs-pub did:key, the example DID of EBSI\'s conformance token endpoint', () => {
    const ebsiDid =
      'did:key:z2dmzD81cgPx8Vki7JbuuMmFYrWPgYoytykUZ3eyqht1j9KbsDbVZXdb3jzCagESyY4EE2x7Yjx3gNwctoEuRCKKDrdNP3HPFtG8RTvBiYStT5ghBHhHizH2Dy6xQtW3Pd2SecizL9b2jzDCMr7Ka5cRAWZFwvqwAtwTT7xet769y9ERh6';
    expect(resolveDidUrlToJwk(`${ebsiDid}#${ebsiDid.slice('did:key:'.length)}`)).toEqual({ crv: 'P-256', kty: 'EC', x: 'n1l8HzJyfmvqCprbrsDoK9sUyRK2DTWoTbOFdRT_6HE', y: 'DDd9ecdyVsFJGVS1f1AtItefpKKZQDt4zFJFpk9G06A' });
    expect(didError(didKey([0xd1, 0xd6, 0x03], Buffer.from('not json'))).code).toBe('ERR_DID_INVALID');
    expect(didError(didKey([0xd1, 0xd6, 0x03], Buffer.from(JSON.stringify({ ...p256Jwk, d: 'secret' })))).code).toBe('ERR_DID_INVALID');
  });

  it('refuses other methods, malformed values and other key types with a code', () => {
    expect(didError('did:web:wallet.example.com#key-1')).toMatchObject({ code: 'ERR_DID_METHOD', message: expect.stringContaining('did:web:wallet.example.com') });
    expect(didError('did:jwk:bm90LWpzb24').code).toBe('ERR_DID_INVALID');
    expect(didError('did:key:f1234').code).toBe('ERR_DID_INVALID');
    expect(didError('did:key:z0OIl').code).toBe('ERR_DID_INVALID');
    expect(didError(didKey([0x80, 0x24], Buffer.alloc(33, 7))).code).toBe('ERR_DID_INVALID');
    expect(didError(didKey([0xe7, 0x01], Buffer.alloc(33, 2))).code).toBe('ERR_DID_KEY_TYPE');
  });
});
