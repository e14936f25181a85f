import { describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { formatFor, registeredFormats } from './credential-format.js';

describe('formatFor', () => {
  it('finds a module for each format of OID4VCI 1.0 Appendix A this issuer signs', () => {
    for (const format of ['dc+sd-jwt', 'mso_mdoc', 'jwt_vc_json']) expect(formatFor(format).format).toBe(format);
    expect(registeredFormats().sort()).toEqual(['dc+sd-jwt', 'jwt_vc_json', 'mso_mdoc']);
  });

  it('answers a format without a module with server_error naming it', () => {
    let caught: unknown;
    try {
      formatFor('ldp_vc');
    } catch (error) {
      caught = error;
    }
    expect(isProtocolError(caught) && caught.error).toBe('server_error');
    expect(isProtocolError(caught) && caught.reason).toContain('"ldp_vc"');
  });
});
