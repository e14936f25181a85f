import { describe, expect, it } from '@jest/globals';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { parseProofs, type ParseProofsOptions } from './parse-proofs.js';

const options: ParseProofsOptions = { proofTypesSupported: ['jwt'], batchSize: 3 };

function rejection(proofs: unknown, change: Partial<ParseProofsOptions> = {}): ProtocolError {
  return protocolErrorOf(() => parseProofs(proofs, { ...options, ...change }));
}

describe('parseProofs (OID4VCI 1.0 Section 8.2)', () => {
  it('returns the proof type and its list', () => {
    expect(parseProofs({ jwt: ['a.b.c', 'd.e.f'] }, options)).toEqual({ proofType: 'jwt', proofs: ['a.b.c', 'd.e.f'] });
    expect(parseProofs({ attestation: ['a.b.c'] }, { ...options, proofTypesSupported: ['attestation'] })).toEqual({ proofType: 'attestation', proofs: ['a.b.c'] });
  });

  it('C5: refuses missing proofs when the configuration binds a key', () => {
    expect(rejection(undefined)).toMatchObject({ error: 'invalid_proof', reason: expect.stringContaining('proof_types_supported: jwt') });
  });

  it('ignores proofs when the configuration binds no key', () => {
    expect(parseProofs(undefined, { ...options, proofTypesSupported: [] })).toBeUndefined();
    expect(parseProofs({ jwt: ['a.b.c'] }, { ...options, proofTypesSupported: [] })).toBeUndefined();
  });

  it('C16: refuses more proofs than the batch size', () => {
    expect(rejection({ jwt: ['a', 'b', 'c', 'd'] })).toMatchObject({ error: 'invalid_proof', reason: '4 proofs sent, but the batch size is 3' });
    expect(rejection({ jwt: ['a', 'b'] }, { batchSize: 1 }).help).toMatch(/does not offer batch issuance/);
  });

  it('C17: refuses several proof types with invalid_credential_request', () => {
    expect(rejection({ jwt: ['a.b.c'], attestation: ['a.b.c'] }).error).toBe('invalid_credential_request');
  });

  it('refuses a proof type the configuration does not accept, or that this issuer cannot verify', () => {
    expect(rejection({ attestation: ['a.b.c'] })).toMatchObject({ error: 'invalid_proof', reason: 'proof type attestation is not accepted for this credential configuration (accepted: jwt)' });
    expect(rejection({ di_vp: [{ type: ['VerifiablePresentation'] }] }, { proofTypesSupported: ['jwt', 'di_vp'] }).error).toBe('invalid_proof');
  });

  it('refuses an empty list, entries that are not strings, and a proofs value that is not an object', () => {
    expect(rejection({ jwt: [] }).error).toBe('invalid_credential_request');
    expect(rejection({ jwt: [{ jwt: 'a.b.c' }] }).error).toBe('invalid_proof');
    expect(rejection(['a.b.c']).error).toBe('invalid_credential_request');
    expect(rejection(null).error).toBe('invalid_credential_request');
  });
});
