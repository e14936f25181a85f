import { describe, expect, it } from '@jest/globals';
import { matchSubject } from './match-subject.js';

describe('matchSubject', () => {
  it.each([
    ['issuance.offer.created', 'issuance.offer.created', true],
    ['issuance.offer.created', 'issuance.offer.retrieved', false],
    ['issuance.offer.*', 'issuance.offer.created', true],
    ['issuance.offer.*', 'issuance.offer', false],
    ['issuance.offer.*', 'issuance.offer.created.v2', false],
    ['issuance.*.created', 'issuance.offer.created', true],
    ['issuance.>', 'issuance.offer.created', true],
    ['issuance.>', 'issuance', false],
    ['issuance.>', 'dlq.issuance.offer.created', false],
    ['>', 'cmd.auth.register-pre-authorized-code', true],
  ])('%s matches %s: %s', (pattern, subject, expected) => {
    expect(matchSubject(pattern, subject)).toBe(expected);
  });
});
