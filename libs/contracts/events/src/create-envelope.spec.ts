import { describe, expect, it } from '@jest/globals';
import { createEnvelope } from './create-envelope.js';
import { commands, subjects } from './subjects.js';

describe('createEnvelope', () => {
  it('builds a typed envelope with an id, ISO occurredAt and the validated data', () => {
    const envelope = createEnvelope({
      type: subjects.offerCreated,
      version: 1,
      sessionId: 'ses-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      occurredAt: new Date('2025-06-01T10:00:00Z'),
      data: {
        issuanceId: 'iss-1',
        credentialConfigurationIds: ['eu.europa.ec.eudi.pid.1'],
        grantType: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        offerId: 'off-1',
      },
    });

    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      type: 'issuance.offer.created',
      version: 1,
      occurredAt: '2025-06-01T10:00:00.000Z',
      sessionId: 'ses-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: {
        issuanceId: 'iss-1',
        credentialConfigurationIds: ['eu.europa.ec.eudi.pid.1'],
        grantType: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        offerId: 'off-1',
      },
    });
  });

  it('gives every envelope its own id', () => {
    const make = () =>
      createEnvelope({ type: subjects.offerRetrieved, version: 1, sessionId: null, data: { issuanceId: 'i', offerId: 'o' } });
    expect(make().id).not.toBe(make().id);
  });

  it('leaves traceparent out when none is given', () => {
    const envelope = createEnvelope({ type: subjects.offerRetrieved, version: 1, sessionId: null, data: { issuanceId: 'i', offerId: 'o' } });
    expect('traceparent' in envelope).toBe(false);
  });

  it('builds command envelopes with a nullable txCodeHash', () => {
    const envelope = createEnvelope({
      type: commands.registerPreAuthorizedCode,
      version: 1,
      sessionId: 'ses-1',
      data: {
        sessionId: 'ses-1',
        issuanceId: 'iss-1',
        codeHash: 'hash',
        credentialConfigurationIds: ['pid'],
        txCodeHash: null,
        maxTxCodeAttempts: 3,
        expiresAt: '2025-06-01T10:05:00Z',
      },
    });
    expect(envelope.data.txCodeHash).toBeNull();
  });

  it('refuses data that does not match the schema of its type and version', () => {
    expect(() =>
      createEnvelope({
        type: subjects.credentialIssued,
        version: 1,
        sessionId: 'ses-1',
        data: { issuanceId: 'iss-1', credentialConfigurationId: 'pid', format: 'dc+sd-jwt', count: 0, notificationId: 'n-1' },
      }),
    ).toThrow(/count/);
  });
});
