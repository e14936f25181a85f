import { describe, expect, it } from '@jest/globals';
import { scopeForMethod, scopesCover } from './admin-scope.js';
import { newApiKey, parseApiKey } from './api-key-secret.js';

describe('management API scopes', () => {
  it('lets admin cover write and read, write cover read, and nothing cover more than it is', () => {
    expect(scopesCover(['admin'], 'read')).toBe(true);
    expect(scopesCover(['admin'], 'write')).toBe(true);
    expect(scopesCover(['write'], 'read')).toBe(true);
    expect(scopesCover(['write'], 'admin')).toBe(false);
    expect(scopesCover(['read'], 'write')).toBe(false);
    expect(scopesCover([], 'read')).toBe(false);
  });

  it('asks read of GET and HEAD, write of anything else', () => {
    expect(scopeForMethod('GET')).toBe('read');
    expect(scopeForMethod('HEAD')).toBe('read');
    expect(scopeForMethod('POST')).toBe('write');
    expect(scopeForMethod('DELETE')).toBe('write');
  });
});

describe('API key secrets', () => {
  it('finds the id and the hash of the secret in an issued key, and nothing in anything else', () => {
    const issued = newApiKey();
    expect(parseApiKey(issued.key)).toEqual({ id: issued.id, secretHash: issued.secretHash });
    expect(issued.key).not.toContain(issued.secretHash);
    expect(parseApiKey(`${issued.key}x`)).toBeNull();
    expect(parseApiKey(issued.key.replace('isk_', 'isk-'))).toBeNull();
    expect(parseApiKey('a-bootstrap-key-of-any-shape')).toBeNull();
    expect(newApiKey().id).not.toBe(issued.id);
  });
});
