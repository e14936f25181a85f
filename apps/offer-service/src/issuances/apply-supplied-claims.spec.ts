import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { applySuppliedClaims } from './apply-supplied-claims.js';

const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const MDL = 'org.iso.18013.5.1.mDL';

describe('applySuppliedClaims', () => {
  it('puts the claims in place of the credentials waiting for them and leaves the others', () => {
    const credentials = [{ credential_configuration_id: PID }, { credential_configuration_id: MDL, claims: { family_name: 'Doe' } }];
    expect(applySuppliedClaims('i-1', credentials, [{ credential_configuration_id: PID, claims: { given_name: 'Erika' } }])).toEqual([
      { credential_configuration_id: PID, claims: { given_name: 'Erika' } },
      { credential_configuration_id: MDL, claims: { family_name: 'Doe' } },
    ]);
    expect(credentials[0]).toEqual({ credential_configuration_id: PID });
  });

  it('refuses claims supplied a second time with 409 conflict', () => {
    const error = protocolErrorOf(() => applySuppliedClaims('i-1', [{ credential_configuration_id: PID, claims: {} }], [{ credential_configuration_id: PID, claims: { given_name: 'Max' } }]));
    expect({ error: error.error, status: error.status }).toEqual({ error: 'conflict', status: 409 });
    expect(error.reason).toBe(`The claims of ${PID} in issuance i-1 were already supplied.`);
  });

  it('refuses a configuration the issuance does not have, or one named twice, with invalid_request', () => {
    const unknown = protocolErrorOf(() => applySuppliedClaims('i-1', [{ credential_configuration_id: PID }], [{ credential_configuration_id: MDL, claims: {} }]));
    expect(unknown.error).toBe('invalid_request');
    expect(unknown.help).toBe(`Supply claims for the credentials the issuance was created with: ${PID}.`);

    const twice = protocolErrorOf(() =>
      applySuppliedClaims('i-1', [{ credential_configuration_id: PID }], [
        { credential_configuration_id: PID, claims: {} },
        { credential_configuration_id: PID, claims: {} },
      ]),
    );
    expect(twice.error).toBe('invalid_request');
    expect(twice.reason).toBe(`credentials[1] supplies ${PID} a second time.`);
  });
});
