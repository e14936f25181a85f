import { describe, expect, it } from '@jest/globals';
import { RequestTimeline } from '@issuer/nest';
import { isProtocolError } from '@issuer/protocol-errors';
import { batchInOrder, checkEncryptionBehaviours, holdersToIssue } from './credential-test-behaviours.js';

const timeline = () => new RequestTimeline('/credential', {});
const applied = (recorded: RequestTimeline) => recorded.entries.filter((entry) => entry.message.startsWith('Test behaviour applied')).map((entry) => entry.data?.['behaviour']);

function rejection(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('test behaviours at the credential endpoint', () => {
  it('require_request_encryption refuses an unencrypted request with invalid_encryption_parameters, and says so on the timeline', () => {
    const recorded = timeline();
    const error = rejection(() => checkEncryptionBehaviours({ require_request_encryption: true }, { encrypted: false, responseEncryption: false }, recorded));
    expect(isProtocolError(error) && { error: error.error, status: error.status, specRef: error.specRef }).toEqual({ error: 'invalid_encryption_parameters', status: 400, specRef: 'OID4VCI 1.0 Section 10' });
    expect(applied(recorded)).toEqual(['require_request_encryption']);
    expect(rejection(() => checkEncryptionBehaviours({ require_request_encryption: true }, { encrypted: true, responseEncryption: false }, timeline()))).toBeUndefined();
  });

  it('require_response_encryption refuses a request without credential_response_encryption', () => {
    const recorded = timeline();
    const error = rejection(() => checkEncryptionBehaviours({ require_response_encryption: true }, { encrypted: true, responseEncryption: false }, recorded));
    expect(isProtocolError(error) && error.error).toBe('invalid_encryption_parameters');
    expect(applied(recorded)).toEqual(['require_response_encryption']);
    expect(rejection(() => checkEncryptionBehaviours({ require_response_encryption: true }, { encrypted: true, responseEncryption: true }, timeline()))).toBeUndefined();
    expect(rejection(() => checkEncryptionBehaviours({}, { encrypted: false, responseEncryption: false }, timeline()))).toBeUndefined();
  });

  it('issue_fewer_credentials keeps k-1 keys of a batch (at least one), or at most the number set', () => {
    const recorded = timeline();
    expect(holdersToIssue({ issue_fewer_credentials: true }, ['a', 'b', 'c'], recorded)).toEqual(['a', 'b']);
    expect(applied(recorded)).toEqual(['issue_fewer_credentials']);
    expect(holdersToIssue({ issue_fewer_credentials: 1 }, ['a', 'b', 'c'], timeline())).toEqual(['a']);

    const unchanged = timeline();
    expect(holdersToIssue({ issue_fewer_credentials: true }, ['a'], unchanged)).toEqual(['a']);
    expect(holdersToIssue({ issue_fewer_credentials: 5 }, ['a', 'b'], unchanged)).toEqual(['a', 'b']);
    expect(holdersToIssue({}, ['a', 'b'], unchanged)).toEqual(['a', 'b']);
    expect(applied(unchanged)).toEqual([]);
  });

  it('reverse_batch_order reverses a batch of two or more, and says so', () => {
    const recorded = timeline();
    expect(batchInOrder({ reverse_batch_order: true }, ['a', 'b', 'c'], recorded)).toEqual(['c', 'b', 'a']);
    expect(applied(recorded)).toEqual(['reverse_batch_order']);

    const unchanged = timeline();
    expect(batchInOrder({ reverse_batch_order: true }, ['a'], unchanged)).toEqual(['a']);
    expect(batchInOrder({}, ['a', 'b'], unchanged)).toEqual(['a', 'b']);
    expect(applied(unchanged)).toEqual([]);
  });
});
