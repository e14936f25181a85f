import { describe, expect, it } from '@jest/globals';
import { createEnvelope } from './create-envelope.js';
import { parseEnvelope } from './parse-envelope.js';
import { subjects } from './subjects.js';

const tokenIssued = createEnvelope({
  type: subjects.tokenIssued,
  version: 1,
  sessionId: 'ses-1',
  data: {
    issuanceId: 'iss-1',
    grantType: 'authorization_code',
    credentialConfigurationIds: ['pid'],
    dpopBound: true,
    clientId: 'wallet-1',
  },
});

describe('parseEnvelope', () => {
  it('accepts a known envelope from JSON text and narrows its data by type', () => {
    const result = parseEnvelope(JSON.stringify(tokenIssued));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { envelope } = result;
    expect(envelope).toEqual(tokenIssued);
    if (envelope.type === 'issuance.token.issued') {
      expect(envelope.data.dpopBound).toBe(true);
    }
  });

  it('accepts an already parsed object', () => {
    expect(parseEnvelope(structuredClone(tokenIssued))).toEqual({ ok: true, envelope: tokenIssued });
  });

  it('drops data fields it does not know, so producers can add fields without a new version', () => {
    const result = parseEnvelope({ ...tokenIssued, data: { ...tokenIssued.data, audience: 'x' } });
    expect(result.ok && result.envelope.data).toEqual(tokenIssued.data);
  });

  it('reports text that is not JSON', () => {
    const result = parseEnvelope('{"id":');
    expect(result).toEqual({ ok: false, error: { code: 'malformed_json', message: expect.stringContaining('not JSON') } });
  });

  it('reports a malformed envelope with the offending fields', () => {
    const result = parseEnvelope({ ...tokenIssued, occurredAt: 'yesterday', version: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_envelope');
    expect(result.error.code === 'invalid_envelope' && result.error.issues.map((issue) => issue.path)).toEqual(['version', 'occurredAt']);
  });

  it('reports non-object input without throwing', () => {
    for (const raw of [null, 42, [], undefined]) {
      expect(parseEnvelope(raw)).toMatchObject({ ok: false, error: { code: 'invalid_envelope' } });
    }
  });

  it('reports an unknown type or version', () => {
    expect(parseEnvelope({ ...tokenIssued, type: 'issuance.token.revoked' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_type', type: 'issuance.token.revoked', version: 1 },
    });
    expect(parseEnvelope({ ...tokenIssued, version: 2 })).toMatchObject({
      ok: false,
      error: { code: 'unknown_type', type: 'issuance.token.issued', version: 2 },
    });
  });

  it('reports data that does not match its schema', () => {
    const result = parseEnvelope({ ...tokenIssued, data: { ...tokenIssued.data, dpopBound: 'yes', credentialConfigurationIds: [] } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_data',
        type: 'issuance.token.issued',
        version: 1,
        issues: [{ path: 'credentialConfigurationIds' }, { path: 'dpopBound' }],
      },
    });
  });

  it('validates the wallet-facing notification events with an optional issuanceId', () => {
    for (const type of [subjects.credentialAccepted, subjects.credentialDeleted, subjects.credentialFailure]) {
      const envelope = { ...tokenIssued, type, data: { notificationId: 'n-1', description: 'stored' } };
      expect(parseEnvelope(envelope)).toMatchObject({ ok: true, envelope: { type, data: { notificationId: 'n-1' } } });
    }
  });
});
