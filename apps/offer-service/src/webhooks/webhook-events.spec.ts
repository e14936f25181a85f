import { describe, expect, it } from '@jest/globals';
import { createEnvelope, eventSchemas, subjects } from '@issuer/contracts-events';
import { toWebhookEvent, WEBHOOK_EVENTS, webhookEventSubjects } from './webhook-events.js';

describe('webhook events', () => {
  it('names each issuance event of the contracts once, and leaves out failed requests and credential configuration changes', () => {
    expect(new Set(WEBHOOK_EVENTS).size).toBe(WEBHOOK_EVENTS.length);
    const issuanceEvents = Object.values(subjects).filter((subject) => subject !== subjects.requestFailed && subject !== subjects.credentialConfigurationChanged);
    expect([...webhookEventSubjects].sort()).toEqual([...issuanceEvents].sort());
    for (const subject of webhookEventSubjects) expect(eventSchemas[subject]).toBeDefined();
  });

  it('delivers what an operator needs, in snake_case, without the wallet’s offer id', () => {
    const created = createEnvelope({
      type: subjects.offerCreated,
      version: 1,
      sessionId: 'ses-1',
      data: { issuanceId: 'iss-1', credentialConfigurationIds: ['pid'], grantType: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', offerId: 'secret-path' },
    });
    expect(toWebhookEvent(created)).toEqual({
      name: 'offer_created',
      issuanceId: 'iss-1',
      data: { credential_configuration_ids: ['pid'], grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code' },
    });

    const denied = createEnvelope({ type: subjects.credentialDenied, version: 1, sessionId: 'ses-1', data: { issuanceId: 'iss-1', reason: 'no match in the register' } });
    expect(toWebhookEvent(denied)).toEqual({ name: 'issuance_denied', issuanceId: 'iss-1', data: { reason: 'no match in the register' } });

    const failure = createEnvelope({ type: subjects.credentialFailure, version: 1, sessionId: 'ses-1', data: { notificationId: 'n-1', description: 'storage full' } });
    expect(toWebhookEvent(failure)).toEqual({ name: 'credential_failure', issuanceId: null, data: { event_description: 'storage full' } });

    const acked = createEnvelope({ type: subjects.credentialAcked, version: 1, sessionId: 'ses-1', data: { issuanceId: 'iss-1', credentialConfigurationId: 'pid', transactionId: 'secret-transaction' } });
    expect(toWebhookEvent(acked)).toEqual({ name: 'credential_acked', issuanceId: 'iss-1', data: { credential_configuration_id: 'pid' } });

    const deleted = createEnvelope({ type: subjects.issuanceDeleted, version: 1, sessionId: 'ses-1', data: { issuanceId: 'iss-1' } });
    expect(toWebhookEvent(deleted)).toEqual({ name: 'issuance_deleted', issuanceId: 'iss-1', data: {} });

    const failed = createEnvelope({ type: subjects.requestFailed, version: 1, sessionId: null, data: { endpoint: '/token', error: 'invalid_grant', status: 400 } });
    expect(toWebhookEvent(failed)).toBeNull();
  });
});
