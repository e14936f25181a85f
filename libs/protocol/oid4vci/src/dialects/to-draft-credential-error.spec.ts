import { describe, expect, it } from '@jest/globals';
import { invalidCredentialRequest, invalidNonce, invalidProof, unknownCredentialConfiguration } from '@issuer/protocol-errors';
import { toDraftCredentialError } from './to-draft-credential-error.js';

const detail = { reason: 'r', help: 'h', specRef: 'OID4VCI 1.0 Section 8.3.1.2' };
const fresh = () => ({ cNonce: 'fresh-nonce', cNonceExpiresIn: 300 });

describe('toDraftCredentialError', () => {
  it('answers a draft 11 wallet invalid_or_missing_proof with a fresh c_nonce, for proof and nonce failures', () => {
    for (const error of [invalidProof(detail), invalidNonce(detail)]) {
      const draft = toDraftCredentialError(error, 'draft-11', fresh);
      expect(draft.toWire()).toEqual({ error: 'invalid_or_missing_proof', error_description: error.description, c_nonce: 'fresh-nonce', c_nonce_expires_in: 300 });
      expect({ status: draft.status, reason: draft.reason, help: draft.help, specRef: draft.specRef }).toEqual({ status: 400, ...detail });
    }
  });

  it('answers a draft 13 wallet invalid_proof with a fresh c_nonce, also for a stale nonce', () => {
    expect(toDraftCredentialError(invalidNonce(detail), 'draft-13', fresh).toWire()).toMatchObject({ error: 'invalid_proof', c_nonce: 'fresh-nonce', c_nonce_expires_in: 300 });
    expect(toDraftCredentialError(invalidProof(detail), 'draft-13', fresh).toWire()).toMatchObject({ error: 'invalid_proof', c_nonce: 'fresh-nonce' });
  });

  it("renames the other errors the drafts named differently, without a nonce", () => {
    expect(toDraftCredentialError(unknownCredentialConfiguration(detail), 'draft-13', fresh).toWire()).toEqual(expect.objectContaining({ error: 'unsupported_credential_type' }));
    expect(toDraftCredentialError(invalidCredentialRequest(detail), 'draft-11', fresh).toWire()).not.toHaveProperty('c_nonce');
    expect(toDraftCredentialError(invalidCredentialRequest(detail), 'draft-11', fresh).error).toBe('invalid_request');
    expect(toDraftCredentialError(invalidCredentialRequest(detail), 'draft-13', fresh).error).toBe('invalid_credential_request');
  });

  it('leaves 1.0 and draft 15 errors as they are', () => {
    const error = invalidNonce(detail);
    expect(toDraftCredentialError(error, '1.0', fresh)).toBe(error);
    expect(toDraftCredentialError(error, 'draft-15', fresh)).toBe(error);
  });
});
