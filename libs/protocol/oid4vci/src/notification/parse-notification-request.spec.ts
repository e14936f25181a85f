import { describe, expect, it } from '@jest/globals';
import type { ProtocolError } from '@issuer/protocol-errors';
import { protocolErrorOf } from '@issuer/testing';
import { parseNotificationRequest } from './parse-notification-request.js';

function rejection(body: unknown): ProtocolError {
  return protocolErrorOf(() => parseNotificationRequest(body));
}

describe('parseNotificationRequest (OID4VCI 1.0 Section 11.1)', () => {
  it('reads the examples of the specification', () => {
    expect(parseNotificationRequest({ notification_id: '3fwe98js', event: 'credential_accepted' })).toEqual({
      notification_id: '3fwe98js',
      event: 'credential_accepted',
      unknownMembers: [],
    });
    expect(parseNotificationRequest({ notification_id: '3fwe98js', event: 'credential_failure', event_description: 'Could not store the Credential. Out of storage.' })).toEqual({
      notification_id: '3fwe98js',
      event: 'credential_failure',
      event_description: 'Could not store the Credential. Out of storage.',
      unknownMembers: [],
    });
  });

  it('ignores unknown members and records them', () => {
    expect(parseNotificationRequest({ notification_id: 'n', event: 'credential_deleted', credentials: [] }).unknownMembers).toEqual(['credentials']);
  });

  it.each([
    ['JSON null', null, 'the body is JSON null, not a JSON object'],
    ['no notification_id', { event: 'credential_accepted' }, 'notification_id is missing or not a string'],
    ['an empty notification_id', { notification_id: '', event: 'credential_accepted' }, 'notification_id is empty'],
    ['no event', { notification_id: 'n' }, 'event is missing or not one of credential_accepted, credential_failure, credential_deleted (case sensitive)'],
    ['an event in other case', { notification_id: 'n', event: 'CREDENTIAL_ACCEPTED' }, 'event is missing or not one of credential_accepted, credential_failure, credential_deleted (case sensitive)'],
    ['a non-ASCII event_description', { notification_id: 'n', event: 'credential_failure', event_description: 'Speicher voll – bitte löschen' }, 'event_description has characters outside printable ASCII, or " or \\'],
    ['a quote in event_description', { notification_id: 'n', event: 'credential_failure', event_description: 'said "no"' }, 'event_description has characters outside printable ASCII, or " or \\'],
  ])('rejects %s with invalid_notification_request', (_name, body, reason) => {
    const error = rejection(body);
    expect(error.error).toBe('invalid_notification_request');
    expect(error.status).toBe(400);
    expect(error.reason).toBe(reason);
  });
});
