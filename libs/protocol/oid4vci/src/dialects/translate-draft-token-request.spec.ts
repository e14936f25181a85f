import { describe, expect, it } from '@jest/globals';
import { draftTokenRequestRefused, translateDraftTokenRequest } from './translate-draft-token-request.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

describe('translateDraftTokenRequest', () => {
  it('renames the draft 11 user_pin to tx_code', () => {
    expect(translateDraftTokenRequest({ grant_type: GRANT, 'pre-authorized_code': 'c', user_pin: '493536' })).toEqual({
      form: { grant_type: GRANT, 'pre-authorized_code': 'c', tx_code: '493536' },
      changes: ['user_pin -> tx_code'],
    });
  });

  it('leaves 1.0 requests, and requests that already carry tx_code, as they are', () => {
    const form = { grant_type: GRANT, 'pre-authorized_code': 'c', tx_code: '1', user_pin: '2' };
    expect(translateDraftTokenRequest(form)).toEqual({ form, changes: [] });
    expect(translateDraftTokenRequest({ grant_type: GRANT, 'pre-authorized_code': 'c' }).changes).toEqual([]);
  });

  it('refuses user_pin under a strict profile with the 1.0 parameter name', () => {
    const error = draftTokenRequestRefused();
    expect([error.error, error.status, error.help]).toEqual(['invalid_request', 400, 'Send the transaction code as tx_code']);
  });
});
