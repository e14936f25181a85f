import { describe, expect, it } from '@jest/globals';
import { protocolErrorOf } from '@issuer/testing';
import { pushedRequestDpopJkt } from './pushed-request-dpop-jkt.js';

const JKT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
const OTHER = 'vTzPxxg0HKDA3LkKqFzbXn8ZrDQTYcHz2cyvlWo_JOQ';

describe('pushedRequestDpopJkt (RFC 9449 Section 10.1)', () => {
  it('binds the code to the key of the DPoP header as if it were dpop_jkt', () => {
    expect(pushedRequestDpopJkt(undefined, JKT)).toBe(JKT);
    expect(pushedRequestDpopJkt(JKT, undefined)).toBe(JKT);
    expect(pushedRequestDpopJkt(JKT, JKT)).toBe(JKT);
    expect(pushedRequestDpopJkt(undefined, undefined)).toBeUndefined();
  });

  it('refuses dpop_jkt naming another key than the DPoP header', () => {
    expect(protocolErrorOf(() => pushedRequestDpopJkt(JKT, OTHER))).toMatchObject({ error: 'invalid_dpop_proof', status: 400, specRef: 'RFC 9449 Section 10.1' });
  });
});
