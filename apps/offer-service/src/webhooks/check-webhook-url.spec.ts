import { describe, expect, it } from '@jest/globals';
import { ProtocolError } from '@issuer/protocol-errors';
import { checkWebhookUrl } from './check-webhook-url.js';

function rejection(url: string): ProtocolError {
  try {
    checkWebhookUrl(url);
  } catch (error) {
    return error as ProtocolError;
  }
  throw new Error(`${url} was accepted`);
}

describe('checkWebhookUrl', () => {
  it('accepts absolute http and https URLs, normalised', () => {
    expect(checkWebhookUrl('https://operator.example/hooks?tenant=1')).toBe('https://operator.example/hooks?tenant=1');
    expect(checkWebhookUrl('http://127.0.0.1:8081')).toBe('http://127.0.0.1:8081/');
  });

  it.each([
    ['ftp://operator.example/hooks', /scheme is ftp/],
    ['javascript:alert(1)', /scheme is javascript/],
    ['/hooks', /not an absolute URL/],
    ['https://user:pass@operator.example/hooks', /credentials/],
    ['https://token@operator.example/hooks', /credentials/],
    ['https://operator.example/hooks#part', /fragment/],
    [`https://operator.example/${'a'.repeat(2100)}`, /at most 2048/],
  ])('refuses %s with the reason and what to send', (url, reason) => {
    const error = rejection(url);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ error: 'invalid_request', status: 400, reason: expect.stringMatching(reason), help: expect.stringContaining('http') });
  });
});
