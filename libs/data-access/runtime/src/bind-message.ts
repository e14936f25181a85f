import { protocol } from '@electric-sql/pglite';

const { serialize } = protocol;
const describeExecute = Buffer.concat([serialize.describe({ type: 'P' }), serialize.execute({})]);
const describeExecuteSync = Buffer.concat([describeExecute, serialize.sync()]);

/**
 * Bind (unnamed portal, every parameter and result in text format), Describe portal, Execute and
 * Sync as one buffer: PostgreSQL protocol, Section 55.7 "Message Formats". Equal to PGlite's own
 * serializers' output, which grow a DataView and count UTF-8 bytes a character at a time: for a
 * multi-row INSERT of timeline entries that cost about as much CPU as the backend's work.
 */
export function bindDescribeExecuteSync(statement: string, values: ReadonlyArray<string | null>): Buffer {
  return bindThen(statement, values, describeExecuteSync);
}

/** The same without Sync: one of several statements sent together, the last followed by Sync. */
export function bindDescribeExecute(statement: string, values: ReadonlyArray<string | null>): Buffer {
  return bindThen(statement, values, describeExecute);
}

function bindThen(statement: string, values: ReadonlyArray<string | null>, tail: Buffer): Buffer {
  const statementBytes = Buffer.byteLength(statement);
  const valueBytes = values.map((value) => (value === null ? -1 : Buffer.byteLength(value)));
  // Type and length word, empty portal name, statement name, format counts, parameter lengths.
  let bindLength = 4 + 1 + statementBytes + 1 + 2 + 2 * values.length + 2 + 4 * values.length + 2;
  for (const bytes of valueBytes) if (bytes > 0) bindLength += bytes;
  const out = Buffer.allocUnsafe(1 + bindLength + tail.length);
  let at = out.writeUInt8(0x42, 0);
  at = out.writeInt32BE(bindLength, at);
  at = out.writeUInt8(0, at);
  at += out.write(statement, at);
  at = out.writeUInt8(0, at);
  at = out.writeUInt16BE(values.length, at);
  out.fill(0, at, at + 2 * values.length);
  at += 2 * values.length;
  at = out.writeUInt16BE(values.length, at);
  values.forEach((value, index) => {
    at = out.writeInt32BE(valueBytes[index] ?? -1, at);
    if (value !== null) at += out.write(value, at);
  });
  at = out.writeInt16BE(0, at);
  tail.copy(out, at);
  return out;
}
