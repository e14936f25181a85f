import { describe, expect, it } from '@jest/globals';
import { buildCredentialResponse } from '../credential-response.js';
import { toDraftCredentialResponse } from './to-draft-credential-response.js';

const response = buildCredentialResponse({ credentials: ['eyJ...credential'], notificationId: 'n-1' });
const context = { format: 'jwt_vc_json', cNonce: 'fresh-nonce', cNonceExpiresIn: 300 };

describe('toDraftCredentialResponse', () => {
  it('answers draft 13 with the singular credential, a fresh c_nonce and the notification_id', () => {
    expect(toDraftCredentialResponse(response, 'draft-13', context)).toEqual({ credential: 'eyJ...credential', c_nonce: 'fresh-nonce', c_nonce_expires_in: 300, notification_id: 'n-1' });
  });

  it('answers draft 11 with format, credential and c_nonce', () => {
    expect(toDraftCredentialResponse(response, 'draft-11', context)).toEqual({ format: 'jwt_vc_json', credential: 'eyJ...credential', c_nonce: 'fresh-nonce', c_nonce_expires_in: 300 });
  });

  it('keeps the 1.0 shape for draft 15 and 1.0', () => {
    expect(toDraftCredentialResponse(response, 'draft-15', context)).toEqual(response);
    expect(toDraftCredentialResponse(response, '1.0', context)).toEqual(response);
  });
});
