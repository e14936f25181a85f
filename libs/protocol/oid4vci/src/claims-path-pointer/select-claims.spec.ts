import { describe, expect, it } from '@jest/globals';
import { formatClaimsPath, selectClaims } from './select-claims.js';

// OID4VCI 1.0 Appendix C.3 example credential.
const credential = {
  name: 'Arthur Dent',
  address: { street_address: '42 Market Street', locality: 'Milliways', postal_code: '12345' },
  degrees: [
    { type: 'Bachelor of Science', university: 'University of Betelgeuse' },
    { type: 'Master of Science', university: 'University of Betelgeuse' },
  ],
  nationalities: ['British', 'Betelgeusian'],
};

describe('selectClaims (OID4VCI 1.0 Appendix C)', () => {
  it('selects the claims of the specification example', () => {
    expect(selectClaims(credential, ['name'])).toEqual(['Arthur Dent']);
    expect(selectClaims(credential, ['address'])).toEqual([credential.address]);
    expect(selectClaims(credential, ['address', 'street_address'])).toEqual(['42 Market Street']);
    expect(selectClaims(credential, ['degrees', null, 'type'])).toEqual(['Bachelor of Science', 'Master of Science']);
    expect(selectClaims(credential, ['nationalities', 1])).toEqual(['Betelgeusian']);
  });

  it('aborts when a component does not fit the selected element or nothing is selected', () => {
    expect(selectClaims(credential, ['name', 'first'])).toBeUndefined();
    expect(selectClaims(credential, ['address', null])).toBeUndefined();
    expect(selectClaims(credential, ['nationalities', 5])).toBeUndefined();
    expect(selectClaims(credential, ['birthdate'])).toBeUndefined();
  });

  it('renders paths for people', () => {
    expect(formatClaimsPath(['address', 'locality'])).toBe('address.locality');
    expect(formatClaimsPath(['degrees', null, 'type'])).toBe('degrees[*].type');
    expect(formatClaimsPath(['nationalities', 0])).toBe('nationalities[0]');
  });
});
