import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { subresourceIntegrity } from './subresource-integrity.js';

describe('subresourceIntegrity (W3C SRI Section 3.5)', () => {
  it("gives the SRI specification's example value", () => {
    expect(subresourceIntegrity("alert('Hello, world.');")).toBe('sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=');
  });

  it('hashes the UTF-8 bytes, in base64 with padding rather than base64url', () => {
    const text = '{"name":"Mitgliedsausweis für Köln"}';
    const integrity = subresourceIntegrity(text);
    expect(integrity).toBe(subresourceIntegrity(Buffer.from(text, 'utf8')));
    expect(Buffer.from(integrity.slice('sha256-'.length), 'base64')).toEqual(createHash('sha256').update(Buffer.from(text, 'utf8')).digest());
    expect(integrity).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
  });
});
