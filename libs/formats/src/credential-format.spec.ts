import { describe, expect, it } from '@jest/globals';
import { isProtocolError } from '@issuer/protocol-errors';
import { formatFor, registeredFormats } from './credential-format.js';

describe('formatFor', () => {
  it('finds the SD-JWT VC module', () => {
    expect(formatFor('dc+sd-jwt').format).toBe('dc+sd-jwt');
    expect(registeredFormats()).toContain('dc+sd-jwt');
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
