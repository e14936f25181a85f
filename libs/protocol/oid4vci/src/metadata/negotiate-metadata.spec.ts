import { describe, expect, it } from '@jest/globals';
import { preferredDisplayLocale, preferredMetadataMediaType } from './negotiate-metadata.js';

describe('preferredMetadataMediaType (OID4VCI 1.0 Section 12.2.2)', () => {
  it('answers signed metadata only when the wallet prefers application/jwt', () => {
    expect(preferredMetadataMediaType('application/jwt')).toBe('application/jwt');
    expect(preferredMetadataMediaType('application/json;q=0.5, application/jwt')).toBe('application/jwt');
    expect(preferredMetadataMediaType('application/json, application/jwt')).toBe('application/json');
    expect(preferredMetadataMediaType('application/jwt;q=0.1, */*')).toBe('application/json');
  });

  it('falls back to JSON, which every issuer supports', () => {
    expect(preferredMetadataMediaType(undefined)).toBe('application/json');
    expect(preferredMetadataMediaType('text/html')).toBe('application/json');
    expect(preferredMetadataMediaType('application/jwt;q=0')).toBe('application/json');
  });
});

describe('preferredDisplayLocale', () => {
  const available = new Set(['en', 'de-DE', 'fr']);

  it("takes the wallet's most preferred language the metadata has, by weight (the specification's example)", () => {
    expect(preferredDisplayLocale('fr-ch, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', available)).toBe('fr');
    expect(preferredDisplayLocale('de;q=0.9, en;q=0.8', available)).toBe('de-DE');
    expect(preferredDisplayLocale('it, en;q=0.1', available)).toBe('en');
  });

  it('sends every language when none matches or any is welcome', () => {
    expect(preferredDisplayLocale('it', available)).toBeUndefined();
    expect(preferredDisplayLocale('*', available)).toBeUndefined();
    expect(preferredDisplayLocale(undefined, available)).toBeUndefined();
  });
});
