import { describe, expect, it } from '@jest/globals';
import { hashSecret } from '../hash-secret.js';
import { checkPreAuthorizedCode, type PreAuthorizedCodeDecision, type PreAuthorizedCodeRecord } from './pre-authorized-code-grant.js';

const NOW = 1_760_000_000;
const record: PreAuthorizedCodeRecord = {
  sessionId: 'session-1',
  expiresAt: new Date((NOW + 600) * 1000),
  consumedAt: null,
  txCodeHash: hashSecret('493536'),
  txCodeAttempts: 0,
  maxTxCodeAttempts: 5,
};
const withoutTxCode: PreAuthorizedCodeRecord = { ...record, txCodeHash: null };

function refusal(decision: PreAuthorizedCodeDecision) {
  if (decision.ok) throw new Error('the code was accepted');
  return decision;
}

describe('checkPreAuthorizedCode (OID4VCI 1.0 Section 6.3)', () => {
  it('accepts a current code with the right tx_code, and a code without tx_code', () => {
    expect(checkPreAuthorizedCode(record, { tx_code: '493536' }, NOW)).toEqual({ ok: true });
    expect(checkPreAuthorizedCode(withoutTxCode, {}, NOW)).toEqual({ ok: true });
  });

  it('T2: refuses unknown and expired codes with invalid_grant and the same description', () => {
    const unknown = refusal(checkPreAuthorizedCode(null, { tx_code: '493536' }, NOW));
    const expired = refusal(checkPreAuthorizedCode(record, { tx_code: '493536' }, NOW + 600));
    expect(unknown.error.error).toBe('invalid_grant');
    expect(expired.error.error).toBe('invalid_grant');
    expect(expired.error.toWire()).toEqual(unknown.error.toWire());
    expect(expired.error.reason).toContain('expired at');
    expect(unknown.countsAsTxCodeAttempt || expired.countsAsTxCodeAttempt).toBe(false);
  });

  it('T3: refuses a consumed code as already consumed', () => {
    const decision = refusal(checkPreAuthorizedCode({ ...record, consumedAt: new Date(NOW * 1000) }, { tx_code: '493536' }, NOW));
    expect(decision.error.error).toBe('invalid_grant');
    expect(decision.error.reason).toMatch(/^pre-authorized_code already consumed at/);
  });

  it('T5: answers a missing tx_code with invalid_request, not counted', () => {
    const decision = refusal(checkPreAuthorizedCode(record, {}, NOW));
    expect(decision.error.error).toBe('invalid_request');
    expect(decision.countsAsTxCodeAttempt).toBe(false);
  });

  it('T6: answers an unexpected tx_code with invalid_request', () => {
    expect(refusal(checkPreAuthorizedCode(withoutTxCode, { tx_code: '1234' }, NOW)).error.error).toBe('invalid_request');
  });

  it('T7: answers a wrong tx_code with invalid_grant, counted, and the right one still works', () => {
    const decision = refusal(checkPreAuthorizedCode(record, { tx_code: '000000' }, NOW));
    expect(decision.error.error).toBe('invalid_grant');
    expect(decision.countsAsTxCodeAttempt).toBe(true);
    expect(decision.error.reason).toBe('wrong tx_code (attempt 1 of 5); 4 left');
    expect(`${decision.error.reason} ${decision.error.help} ${decision.error.description}`).not.toContain('000000');
    expect(checkPreAuthorizedCode({ ...record, txCodeAttempts: 1 }, { tx_code: '493536' }, NOW)).toEqual({ ok: true });
  });

  it('T8: invalidates the offer at the last wrong attempt, and refuses even the right tx_code afterwards', () => {
    const last = refusal(checkPreAuthorizedCode({ ...record, txCodeAttempts: 4 }, { tx_code: '000000' }, NOW));
    expect(last.error.reason).toBe('wrong tx_code (attempt 5 of 5); offer invalidated after 5 attempts');
    expect(last.countsAsTxCodeAttempt).toBe(true);
    const after = refusal(checkPreAuthorizedCode({ ...record, txCodeAttempts: 5 }, { tx_code: '493536' }, NOW));
    expect(after.error.error).toBe('invalid_grant');
    expect(after.error.reason).toBe('offer invalidated after 5 attempts with a wrong tx_code');
    expect(after.countsAsTxCodeAttempt).toBe(false);
    expect(refusal(checkPreAuthorizedCode({ ...record, txCodeAttempts: 5 }, {}, NOW)).error.error).toBe('invalid_grant');
  });
});

describe('hashSecret', () => {
  it('is the base64url SHA-256 of the value', () => {
    expect(hashSecret('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});
