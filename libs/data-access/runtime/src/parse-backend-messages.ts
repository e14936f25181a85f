import { messages, type Results } from '@electric-sql/pglite';

type Parsers = Record<number, (value: string, typeId: number) => unknown>;

interface Field {
  name: string;
  dataTypeID: number;
}

export interface ParsedMessages {
  /** One per CommandComplete, each with its own affectedRows; one empty result when there was none. */
  results: Results[];
  /** The first ErrorResponse: the backend skipped everything after it until Sync. */
  error?: messages.DatabaseError;
}

const commandsCountingRows = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

// ErrorResponse field codes (PostgreSQL protocol, Section 55.8 "Error and Notice Message Fields").
const errorFields: Record<string, keyof messages.DatabaseError> = {
  S: 'severity',
  C: 'code',
  D: 'detail',
  H: 'hint',
  P: 'position',
  p: 'internalPosition',
  q: 'internalQuery',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
};

/**
 * Reads the backend's answer to one protocol message (PostgreSQL protocol, Section 55.7 "Message
 * Formats") into the results PGlite's `parseResults` gives: RowDescription, DataRow,
 * CommandComplete and ErrorResponse; the rest carries nothing a query returns. PGlite's own parser
 * copies every field into a fresh buffer before decoding it, which cost as much CPU as a short
 * statement's work in the backend; this one decodes each field in place.
 */
export function parseBackendMessages(data: Buffer, parsers: Parsers, rowMode?: 'array' | 'object'): ParsedMessages {
  const results: Results[] = [];
  let error: messages.DatabaseError | undefined;
  let fields: Field[] = [];
  let rows: unknown[] = [];
  let at = 0;
  while (at + 5 <= data.length) {
    const type = data[at];
    const length = data.readInt32BE(at + 1);
    const end = at + 1 + length;
    let position = at + 5;
    if (type === 0x54 /* T: RowDescription */) {
      fields = [];
      const count = data.readInt16BE(position);
      position += 2;
      for (let index = 0; index < count; index++) {
        const zero = data.indexOf(0, position);
        // After the name: table OID (4), column number (2), type OID (4), size (2), modifier (4), format (2).
        fields.push({ name: data.toString('utf8', position, zero), dataTypeID: data.readInt32BE(zero + 7) });
        position = zero + 19;
      }
    } else if (type === 0x44 /* D: DataRow */) {
      const count = data.readInt16BE(position);
      position += 2;
      const values: unknown[] = new Array(count);
      for (let index = 0; index < count; index++) {
        const size = data.readInt32BE(position);
        position += 4;
        if (size === -1) {
          values[index] = null;
          continue;
        }
        const text = data.toString('utf8', position, position + size);
        position += size;
        const typeId = fields[index]?.dataTypeID ?? 0;
        const parser = parsers[typeId];
        values[index] = parser ? parser(text, typeId) : text;
      }
      rows.push(rowMode === 'array' ? values : objectOf(fields, values));
    } else if (type === 0x43 /* C: CommandComplete */) {
      const words = data.toString('utf8', position, data.indexOf(0, position)).split(' ');
      const command = words[0]!;
      const count = Number.parseInt(words[words.length - 1]!, 10);
      const affectedRows = commandsCountingRows.has(command) && !Number.isNaN(count) ? count : 0;
      results.push({ rows, fields, command, affectedRows, ...(!Number.isNaN(count) && { rowCount: count }) } as Results);
      rows = [];
      fields = [];
    } else if (type === 0x45 /* E: ErrorResponse */ && error === undefined) {
      error = databaseErrorAt(data, position, length);
    }
    at = end;
  }
  if (results.length === 0) results.push({ rows: [], fields: [], affectedRows: 0 });
  return error === undefined ? { results } : { results, error };
}

function objectOf(fields: Field[], values: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let index = 0; index < values.length; index++) row[fields[index]!.name] = values[index];
  return row;
}

function databaseErrorAt(data: Buffer, start: number, length: number): messages.DatabaseError {
  const values: Record<string, string> = {};
  let position = start;
  while (data[position] !== 0) {
    const code = String.fromCharCode(data[position]!);
    const zero = data.indexOf(0, position + 1);
    values[code] = data.toString('utf8', position + 1, zero);
    position = zero + 1;
  }
  const error = new messages.DatabaseError(values['M'] ?? 'unknown error', length, 'error');
  for (const [code, property] of Object.entries(errorFields)) {
    if (values[code] !== undefined) (error as unknown as Record<string, unknown>)[property] = values[code];
  }
  return error;
}
