import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { parseWithSchema } from '@issuer/nest';
import { encodeIssuanceCursor } from './issuance-cursor.js';
import { zListIssuancesQuery } from './z-list-issuances-query.js';

const parse = (query: Record<string, string>) => parseWithSchema(zListIssuancesQuery, query, { what: 'query', help: 'Filter.' });
const reasonFor = (query: Record<string, string>) => protocolErrorOf(() => parse(query)).reason;

describe('GET /admin/v1/issuances query', () => {
  it('reads every filter, the limit and the cursor', () => {
    const after = { createdAt: new Date('2026-12-01T00:00:00.000Z'), id: 'i-9' };
    expect(
      parse({
        status: 'credential_acked',
        credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt',
        grant_type: 'authorization_code',
        session_id: 's-1',
        created_after: '2026-12-01T00:00:00Z',
        created_before: '2026-12-02T00:00:00+01:00',
        limit: '5',
        cursor: encodeIssuanceCursor(after),
      }),
    ).toEqual({
      status: 'credential_acked',
      credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt',
      grant_type: 'authorization_code',
      session_id: 's-1',
      created_after: new Date('2026-12-01T00:00:00Z'),
      created_before: new Date('2026-12-01T23:00:00Z'),
      limit: 5,
      cursor: after,
    });
    expect(parse({})).toEqual({ limit: 20 });
  });

  it('names the parameter whose value is wrong', () => {
    expect(protocolErrorOf(() => parse({ status: 'done' }))).toMatchObject({ error: 'invalid_request', status: 400 });
    expect(reasonFor({ status: 'done' })).toMatch(/^The query is invalid: status: /);
    expect(reasonFor({ grant_type: 'implicit' })).toMatch(/grant_type: /);
    expect(reasonFor({ created_after: 'yesterday' })).toMatch(/created_after: /);
    expect(reasonFor({ created_before: '2026-12-01T00:00:00' })).toMatch(/created_before: /);
    expect(reasonFor({ limit: '0' })).toMatch(/limit: /);
    expect(reasonFor({ limit: '101' })).toMatch(/limit: /);
    expect(reasonFor({ limit: 'ten' })).toMatch(/limit: must be a whole number/);
    expect(reasonFor({ cursor: 'abc' })).toMatch(/cursor: is not a next_cursor this API returned/);
    expect(reasonFor({ state: 'offer_sent' })).toMatch(/state/);
  });
});
