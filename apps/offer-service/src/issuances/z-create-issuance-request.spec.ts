import { describe, expect, it } from '@jest/globals';
import { zCreateIssuanceRequest } from './z-create-issuance-request.js';

const credentials = [{ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', claims: { given_name: 'Erika' } }];

function problems(request: unknown): string[] {
  const result = zCreateIssuanceRequest.safeParse(request);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('test_behaviours of an issuance request', () => {
  it('are kept as asked with the pre-authorized code grant', () => {
    const request = zCreateIssuanceRequest.parse({ credentials, test_behaviours: { reject_first_proof: true, pre_authorized_code_expires_in: 10 } });
    expect(request.test_behaviours).toEqual({ reject_first_proof: true, pre_authorized_code_expires_in: 10 });
    expect(zCreateIssuanceRequest.parse({ credentials }).test_behaviours).toBeUndefined();
  });

  it('name an unknown behaviour', () => {
    expect(problems({ credentials, test_behaviours: { fail_everything: true } })).toEqual([expect.stringMatching(/^test_behaviours: .*fail_everything/)]);
  });

  it('apply to the authorization code grant too, but for the pre-authorized code expiry', () => {
    expect(zCreateIssuanceRequest.parse({ credentials, grant: { type: 'authorization_code' }, test_behaviours: { reject_first_proof: true } }).test_behaviours).toEqual({ reject_first_proof: true });
    expect(problems({ credentials, grant: { type: 'authorization_code' }, test_behaviours: { pre_authorized_code_expires_in: 5 } })).toEqual([
      'test_behaviours.pre_authorized_code_expires_in: needs the pre-authorized_code grant',
    ]);
  });

  it('refuse deferred_ready_after on an issuance whose claims come later', () => {
    expect(problems({ credentials: [{ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt' }], deferred: true, test_behaviours: { deferred_ready_after: 5 } })).toEqual([
      expect.stringMatching(/^test_behaviours\.deferred_ready_after: needs the claims now/),
    ]);
  });
});
