import { describe, expect, it } from '@jest/globals';
import { buildCredentialResponse, buildDeferredIssuanceResponse } from './credential-response.js';

describe('Credential Response (OID4VCI 1.0 Section 8.3)', () => {
  it('builds the immediate examples of the specification', () => {
    expect(buildCredentialResponse({ credentials: ['LUpixVCWJk0eOt4CXQe1NXK....WZwmhmn9OQp6YxX0a2L'] })).toEqual({
      credentials: [{ credential: 'LUpixVCWJk0eOt4CXQe1NXK....WZwmhmn9OQp6YxX0a2L' }],
    });
    expect(
      buildCredentialResponse({ credentials: ['LUpixVCWJk0eOt4CXQe1NXK....WZwmhmn9OQp6YxX0a2L', 'YXNkZnNhZGZkamZqZGFza23....29tZTIzMjMyMzIzMjMy'], notificationId: '3fwe98js' }),
    ).toEqual({
      credentials: [{ credential: 'LUpixVCWJk0eOt4CXQe1NXK....WZwmhmn9OQp6YxX0a2L' }, { credential: 'YXNkZnNhZGZkamZqZGFza23....29tZTIzMjMyMzIzMjMy' }],
      notification_id: '3fwe98js',
    });
  });

  it('builds the deferred example of the specification', () => {
    expect(buildDeferredIssuanceResponse({ transactionId: '8xLOxBtZp8', interval: 3600 })).toEqual({ transaction_id: '8xLOxBtZp8', interval: 3600 });
  });

  it('refuses an empty credentials array and a non-positive interval', () => {
    expect(() => buildCredentialResponse({ credentials: [] })).toThrow(RangeError);
    expect(() => buildDeferredIssuanceResponse({ transactionId: 't', interval: 0 })).toThrow(RangeError);
  });
});
