import { describe, expect, it } from '@jest/globals';
import { decodeIssuanceCursor, encodeIssuanceCursor } from './issuance-cursor.js';

describe('issuance cursor', () => {
  it('decodes what it encoded, as an opaque base64url string', () => {
    const position = { createdAt: new Date('2026-12-02T10:00:00.123Z'), id: 'a6f0c1e2-0000-4000-8000-000000000001' };
    const cursor = encodeIssuanceCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeIssuanceCursor(cursor)).toEqual(position);
  });

  it('refuses anything it never produced', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(decodeIssuanceCursor('not a cursor!')).toBeNull();
    expect(decodeIssuanceCursor(encode({ id: 'x' }))).toBeNull();
    expect(decodeIssuanceCursor(encode(['yesterday', 'x']))).toBeNull();
    expect(decodeIssuanceCursor(encode(['2026-12-02T10:00:00Z', 'x']))).toBeNull();
    expect(decodeIssuanceCursor(encode(['2026-12-02T10:00:00.000Z', '']))).toBeNull();
    expect(decodeIssuanceCursor(encode(['2026-12-02T10:00:00.000Z', 'x', 'y']))).toBeNull();
  });
});
