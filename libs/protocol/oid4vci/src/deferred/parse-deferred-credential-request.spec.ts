import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { parseDeferredCredentialRequest } from './parse-deferred-credential-request.js';

describe('parseDeferredCredentialRequest (OID4VCI 1.0 Section 9.1)', () => {
  it('reads the example of the specification', () => {
    expect(parseDeferredCredentialRequest({ transaction_id: '8xLOxBtZp8' })).toEqual({ transaction_id: '8xLOxBtZp8', unknownMembers: [] });
  });

  it('keeps credential_response_encryption and ignores members it does not know', () => {
    const encryption = { jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', alg: 'ECDH-ES' }, enc: 'A128GCM' };
    expect(parseDeferredCredentialRequest({ transaction_id: 't', credential_response_encryption: encryption, proofs: {} })).toEqual({
      transaction_id: 't',
      credentialResponseEncryption: encryption,
      unknownMembers: ['proofs'],
    });
  });

  it.each([
    ['JSON null', null, 'the body is JSON null, not a JSON object'],
    ['an array', [{ transaction_id: 't' }], 'the body is a JSON array, not a JSON object'],
    ['no transaction_id', {}, 'transaction_id is missing or not a string'],
    ['a numeric transaction_id', { transaction_id: 42 }, 'transaction_id is missing or not a string'],
    ['an empty transaction_id', { transaction_id: '' }, 'transaction_id is empty'],
  ])('rejects %s with invalid_credential_request', (_name, body, reason) => {
    const error = protocolErrorOf(() => parseDeferredCredentialRequest(body));
    expect({ error: error.error, status: error.status, reason: error.reason, specRef: error.specRef }).toEqual({
      error: 'invalid_credential_request',
      status: 400,
      reason,
      specRef: 'OID4VCI 1.0 Section 9.1',
    });
    expect(error.help).toContain('transaction_id');
  });

  it('rejects malformed credential_response_encryption with invalid_encryption_parameters', () => {
    const error = protocolErrorOf(() => parseDeferredCredentialRequest({ transaction_id: 't', credential_response_encryption: { jwk: { kty: 'EC' } } }));
    expect(error.error).toBe('invalid_encryption_parameters');
    expect(error.reason).toMatch(/^credential_response_encryption\.enc/);
  });
});
