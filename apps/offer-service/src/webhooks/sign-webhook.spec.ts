import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { generateWebhookSecret, signWebhook, webhookHeaders } from './sign-webhook.js';

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    const signature = signWebhook({
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
    });
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('changes with the id, the timestamp and the body', () => {
    const base = { secret: generateWebhookSecret(), id: 'evt-1', timestamp: 1_800_000_000, body: '{"a":1}' };
    const signatures = new Set([signWebhook(base), signWebhook({ ...base, id: 'evt-2' }), signWebhook({ ...base, timestamp: 1_800_000_001 }), signWebhook({ ...base, body: '{"a":2}' })]);
    expect(signatures.size).toBe(4);
  });

  it('generates 32-byte secrets a receiver can verify with', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateWebhookSecret()).not.toBe(secret);
    const headers = webhookHeaders({ secret, id: 'evt-1', timestamp: 1_800_000_000, body: '{}' });
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update('evt-1.1800000000.{}').digest('base64');
    expect(headers).toEqual({ 'content-type': 'application/json', 'webhook-id': 'evt-1', 'webhook-timestamp': '1800000000', 'webhook-signature': `v1,${expected}` });
  });
});
