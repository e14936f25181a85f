import { describe, expect, it } from '@jest/globals';
import { generateTxCode, txCodeFits, zTxCode } from './tx-code.js';

describe('tx_code (OID4VCI 1.0 Section 4.1.1)', () => {
  it('accepts the object forms of the specification, including the empty one', () => {
    expect(zTxCode.safeParse({}).success).toBe(true);
    expect(zTxCode.safeParse({ input_mode: 'numeric', length: 6, description: 'Sent by SMS' }).success).toBe(true);
    expect(zTxCode.safeParse({ input_mode: 'text', description: 'Please enter the serial number of your physical drivers license' }).success).toBe(true);
  });

  it('rejects an unknown input_mode, a zero or fractional length and a description over 300 characters', () => {
    expect(zTxCode.safeParse({ input_mode: 'alphanumeric' }).success).toBe(false);
    expect(zTxCode.safeParse({ length: 0 }).success).toBe(false);
    expect(zTxCode.safeParse({ length: 4.5 }).success).toBe(false);
    expect(zTxCode.safeParse({ description: 'x'.repeat(301) }).success).toBe(false);
    expect(zTxCode.safeParse({ description: 'é'.repeat(300) }).success).toBe(true);
  });

  it('generates numeric codes of the requested length', () => {
    const codes = Array.from({ length: 200 }, () => generateTxCode({ length: 6 }));
    for (const code of codes) expect(code).toMatch(/^[0-9]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(150);
  });

  it('generates text codes without look-alike characters', () => {
    const joined = Array.from({ length: 100 }, () => generateTxCode({ input_mode: 'text', length: 8 })).join('');
    expect(joined).toMatch(/^[A-HJ-NP-Z2-9]+$/);
    expect(joined).toHaveLength(800);
  });

  it('makes 6 digits when the tx_code object gives no length or input_mode', () => {
    expect(generateTxCode({})).toMatch(/^[0-9]{6}$/);
  });

  it('refuses a length outside 1..32', () => {
    expect(() => generateTxCode({ length: 0 })).toThrow(RangeError);
    expect(() => generateTxCode({ length: 33 })).toThrow(RangeError);
  });

  it('checks a value against input_mode and length', () => {
    expect(txCodeFits('493536', { input_mode: 'numeric', length: 6 })).toBe(true);
    expect(txCodeFits('493536', {})).toBe(true);
    expect(txCodeFits('49353', { length: 6 })).toBe(false);
    expect(txCodeFits('49a536', { length: 6 })).toBe(false);
    expect(txCodeFits('49a536', { input_mode: 'text', length: 6 })).toBe(true);
    expect(txCodeFits('', { input_mode: 'text' })).toBe(false);
  });
});
