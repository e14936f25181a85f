import { describe, expect, it } from '@jest/globals';
import { StatementNames } from './statement-names.js';

describe('prepared statement names', () => {
  it('gives one text the same name every time, and different texts different names', () => {
    const names = new StatementNames();
    const select = names.nameOf('SELECT * FROM "offer"."Issuance" WHERE "offerId" = $1', 1);
    expect(select).toMatch(/^s_[A-Za-z0-9_-]{24}$/);
    expect(names.nameOf('SELECT * FROM "offer"."Issuance" WHERE "offerId" = $1', 1)).toBe(select);
    expect(names.nameOf('SELECT * FROM "offer"."Issuance" WHERE "sessionId" = $1', 1)).not.toBe(select);
  });

  it('leaves unnamed the texts built per batch size, and any text past its bound', () => {
    const names = new StatementNames();
    expect(names.nameOf(`INSERT INTO t VALUES ${Array.from({ length: 65 }, (_, i) => `($${i + 1})`).join(', ')}`, 65)).toBeUndefined();
    for (let i = 0; i < 512; i += 1) expect(names.nameOf(`SELECT ${i}`, 0)).toBeDefined();
    expect(names.nameOf('SELECT 512', 0)).toBeUndefined();
    expect(names.nameOf('SELECT 7', 0)).toBeDefined();
  });
});
