import { describe, expect, it } from '@jest/globals';
import { txCodeValueMisfit } from './tx-code-value.js';

describe('txCodeValueMisfit (OID4VCI 1.0 Section 4.1.1)', () => {
  it('accepts digits of the advertised length, and any characters for text', () => {
    expect(txCodeValueMisfit('493536', { input_mode: 'numeric', length: 6 })).toBeNull();
    expect(txCodeValueMisfit('0042', {})).toBeNull();
    expect(txCodeValueMisfit('Kä-7 x', { input_mode: 'text', length: 6 })).toBeNull();
  });

  it('names a length that differs, counting characters rather than bytes', () => {
    expect(txCodeValueMisfit('1234', { length: 6 })).toBe('has 4 characters, but length is 6');
    expect(txCodeValueMisfit('äöü', { input_mode: 'text', length: 4 })).toBe('has 3 characters, but length is 4');
  });

  it('refuses anything but digits for numeric, the default input_mode', () => {
    expect(txCodeValueMisfit('12a456', { input_mode: 'numeric', length: 6 })).toBe('has characters other than digits, but input_mode is numeric');
    expect(txCodeValueMisfit('12 45', {})).toBe('has characters other than digits, but input_mode is numeric (the default)');
  });
});
