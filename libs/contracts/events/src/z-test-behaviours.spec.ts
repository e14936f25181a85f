import { describe, expect, it } from '@jest/globals';
import { readTestBehaviours, zTestBehaviours } from './z-test-behaviours.js';

describe('test behaviours', () => {
  it('accepts the known behaviours and names an unknown one', () => {
    expect(zTestBehaviours.parse({ use_dpop_nonce: true, issue_fewer_credentials: 2, offer_expires_in: 30 })).toEqual({ use_dpop_nonce: true, issue_fewer_credentials: 2, offer_expires_in: 30 });
    const unknown = zTestBehaviours.safeParse({ use_dpop_nonce: true, fail_everything: true });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toContain('fail_everything');
  });

  it('refuses durations that are no whole positive number of seconds, and fewer credentials than one', () => {
    for (const invalid of [{ deferred_ready_after: 0 }, { offer_expires_in: 1.5 }, { pre_authorized_code_expires_in: -1 }, { issue_fewer_credentials: 0 }, { issue_fewer_credentials: false }]) {
      expect(zTestBehaviours.safeParse(invalid).success).toBe(false);
    }
  });

  it('reads what a message or token carries: none when absent or unreadable, and skips behaviours it does not know', () => {
    expect(readTestBehaviours(undefined)).toEqual({});
    expect(readTestBehaviours(null)).toEqual({});
    expect(readTestBehaviours('reject_first_proof')).toEqual({});
    expect(readTestBehaviours({ reject_first_proof: true, added_later: 1 })).toEqual({ reject_first_proof: true });
  });
});
