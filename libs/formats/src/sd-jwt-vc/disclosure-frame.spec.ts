import { describe, expect, it } from '@jest/globals';
import { buildDisclosureFrame } from './disclosure-frame.js';

describe('buildDisclosureFrame', () => {
  it('makes described claims disclosable by default and nests frames for nested paths', () => {
    const frame = buildDisclosureFrame(
      [{ path: ['given_name'] }, { path: ['address'], sd: 'always' }, { path: ['address', 'locality'] }, { path: ['issuing_country'], sd: 'never' }],
      { given_name: 'Erika', address: { locality: 'Koeln' }, issuing_country: 'DE' },
    );
    expect(frame).toEqual({ _sd: ['given_name', 'address'], address: { _sd: ['locality'] } });
  });

  it('expands null over the elements present and skips claims without a value', () => {
    const frame = buildDisclosureFrame([{ path: ['nationalities', null] }, { path: ['degrees', null, 'type'] }, { path: ['birthdate'] }], {
      nationalities: ['DE', 'FR'],
      degrees: [{ type: 'BSc' }, { name: 'x' }],
    });
    expect(frame).toEqual({ nationalities: { _sd: [0, 1] }, degrees: { '0': { _sd: ['type'] } } });
  });

  it('keeps a parent in the clear when only its children are described', () => {
    expect(buildDisclosureFrame([{ path: ['address', 'locality'] }], { address: { locality: 'Koeln' } })).toEqual({ address: { _sd: ['locality'] } });
  });
});
