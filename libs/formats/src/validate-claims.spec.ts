import { describe, expect, it } from '@jest/globals';
import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { validateClaims } from './validate-claims.js';

const configuration = zCredentialConfiguration.parse({
  id: 'degree',
  format: 'dc+sd-jwt',
  vct: 'urn:example:degree',
  scope: 'degree',
  claims: [
    { path: ['name'], mandatory: true },
    { path: ['address'] },
    { path: ['address', 'locality'], mandatory: true },
    { path: ['degrees', null, 'type'], mandatory: true },
    { path: ['nationalities'] },
    { path: ['photo'] },
  ],
});

describe('validateClaims', () => {
  it('accepts claims that the configuration describes', () => {
    expect(
      validateClaims(configuration, {
        name: 'Arthur Dent',
        address: { locality: 'Milliways' },
        degrees: [{ type: 'Bachelor of Science' }, { type: 'Master of Science' }],
        nationalities: ['British', 'Betelgeusian'],
        photo: { format: 'jpeg', data: 'x' },
      }),
    ).toEqual({ valid: true, missing: [], unknown: [] });
  });

  it('lists mandatory claims with no value', () => {
    expect(validateClaims(configuration, { address: {}, degrees: [] })).toEqual({
      valid: false,
      missing: ['name', 'address.locality', 'degrees[*].type'],
      unknown: [],
    });
  });

  it('lists claims the configuration does not describe, also inside objects and arrays', () => {
    const result = validateClaims(configuration, {
      name: 'Arthur Dent',
      address: { locality: 'Milliways', galaxy: 'Milky Way' },
      degrees: [{ type: 'BSc', grade: 'A' }],
      towel: true,
    });
    expect(result.valid).toBe(false);
    expect(result.unknown).toEqual(['address.galaxy', 'degrees[0].grade', 'towel']);
  });

  it('flags a plain value where only a structure is described', () => {
    expect(validateClaims(configuration, { name: 'A', address: { locality: 'M' }, degrees: 'BSc' }).unknown).toEqual(['degrees']);
  });

  it('accepts any claims for a configuration that describes none', () => {
    const bare = zCredentialConfiguration.parse({ id: 'b', format: 'dc+sd-jwt', vct: 'urn:b', scope: 'b' });
    expect(validateClaims(bare, { anything: 1 }).valid).toBe(true);
  });
});
