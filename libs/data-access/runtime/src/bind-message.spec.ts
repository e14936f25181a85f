import { describe, expect, it } from '@jest/globals';
import { protocol } from '@electric-sql/pglite';
import { bindDescribeExecute, bindDescribeExecuteSync } from './bind-message.js';

const { serialize } = protocol;

function pgliteSerializers(statement: string, values: Array<string | null>): Buffer {
  return Buffer.concat([serialize.bind({ statement, values }), serialize.describe({ type: 'P' }), serialize.execute({})]);
}

const cases = [
  ['no parameters', 'pipelined_0', []],
  ['nulls and empty strings', 'pipelined_1', [null, '', null]],
  ['multi-byte UTF-8 and long values', 'pipelined_22', ['Zoë 🪪 ✓', 'x'.repeat(70_000), '{"a":"\\u0000"}']],
] as Array<[string, string, Array<string | null>]>;

describe('bindDescribeExecuteSync', () => {
  it.each(cases)('writes the bytes PGlite serializes: %s', (_, statement, values) => {
    expect(bindDescribeExecuteSync(statement, values)).toEqual(Buffer.concat([pgliteSerializers(statement, values), serialize.sync()]));
  });
});

describe('bindDescribeExecute', () => {
  it.each(cases)('writes the bytes PGlite serializes, without Sync: %s', (_, statement, values) => {
    expect(bindDescribeExecute(statement, values)).toEqual(pgliteSerializers(statement, values));
  });
});
