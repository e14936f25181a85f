import type { TxCode } from '@issuer/protocol-oid4vci';

/**
 * Why an operator's tx_code value does not fit the tx_code object the offer advertises, or null
 * when it fits. OID4VCI 1.0 Section 4.1.1: `length` is the number of characters, `input_mode`
 * `numeric` (the default) means digits only, `text` any characters.
 */
export function txCodeValueMisfit(value: string, spec: Pick<TxCode, 'input_mode' | 'length'>): string | null {
  const length = [...value].length;
  if (spec.length !== undefined && length !== spec.length) return `has ${length} characters, but length is ${spec.length}`;
  const inputMode = spec.input_mode ?? 'numeric';
  if (inputMode === 'numeric' && !/^[0-9]+$/.test(value)) return `has characters other than digits, but input_mode is numeric${spec.input_mode ? '' : ' (the default)'}`;
  return null;
}
