import { randomInt } from 'node:crypto';
import { z } from 'zod';

export const TX_CODE_MAX_LENGTH = 32;
export const DEFAULT_TX_CODE_LENGTH = 6;
export const TX_CODE_DESCRIPTION_MAX_LENGTH = 300;

// Letters and digits that cannot be mistaken for one another when read aloud or copied (no 0/O, 1/I).
const UNAMBIGUOUS_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// OID4VCI 1.0 Section 4.1.1: the tx_code object of the pre-authorized code grant.
export const zTxCode = z.object({
  input_mode: z.enum(['numeric', 'text']).optional(),
  length: z.number().int().min(1).max(TX_CODE_MAX_LENGTH).optional(),
  description: z
    .string()
    .refine((value) => [...value].length <= TX_CODE_DESCRIPTION_MAX_LENGTH, { error: `must not exceed ${TX_CODE_DESCRIPTION_MAX_LENGTH} characters` })
    .optional(),
});

export type TxCode = z.infer<typeof zTxCode>;
export type TxCodeInputMode = NonNullable<TxCode['input_mode']>;

/** A fresh transaction code: digits for `numeric`, the unambiguous alphabet for `text`; 6 characters unless told. */
export function generateTxCode(options: { input_mode?: TxCodeInputMode; length?: number }): string {
  const length = options.length ?? DEFAULT_TX_CODE_LENGTH;
  if (!Number.isInteger(length) || length < 1 || length > TX_CODE_MAX_LENGTH) {
    throw new RangeError(`tx_code length must be an integer from 1 to ${TX_CODE_MAX_LENGTH}, got ${length}`);
  }
  const alphabet = (options.input_mode ?? 'numeric') === 'numeric' ? '0123456789' : UNAMBIGUOUS_ALPHABET;
  let code = '';
  for (let i = 0; i < length; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** Whether a value fits the announced input_mode (default `numeric`) and length. */
export function txCodeFits(value: string, requirements: Pick<TxCode, 'input_mode' | 'length'>): boolean {
  const characters = [...value];
  if (characters.length === 0) return false;
  if (requirements.length !== undefined && characters.length !== requirements.length) return false;
  // OID4VCI 1.0 Section 4.1.1: `numeric` is only digits, `text` any characters.
  return (requirements.input_mode ?? 'numeric') === 'text' || /^[0-9]+$/.test(value);
}
