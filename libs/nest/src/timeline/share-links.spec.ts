import { describe, expect, it } from '@jest/globals';
import { ShareLinks } from './share-links.js';

const links = new ShareLinks('platform-secret-of-this-test', 'https://issuer.example.com');

describe('ShareLinks', () => {
  it('opens a token of one session as that session, and only that one', () => {
    const a = links.tokenFor({ kind: 'session', sessionId: 'session-a' });
    const b = links.tokenFor({ kind: 'session', sessionId: 'session-b' });
    expect(links.open(a)).toEqual({ kind: 'session', sessionId: 'session-a' });
    expect(links.open(b)).toEqual({ kind: 'session', sessionId: 'session-b' });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('opens a token of one request as that request', () => {
    expect(links.open(links.tokenFor({ kind: 'request', requestId: 'R2lI6cQ1m1y0Zb5qz3X0kA' }))).toEqual({ kind: 'request', requestId: 'R2lI6cQ1m1y0Zb5qz3X0kA' });
  });

  it('refuses a token with any one character changed', () => {
    const token = links.tokenFor({ kind: 'session', sessionId: 'd1c5b6a7-0b1f-4d8e-9a6b-3f2e1d0c9b8a' });
    for (let index = 0; index < token.length; index++) {
      for (const replacement of ['A', 'b', '-', '_', '.']) {
        if (token[index] === replacement) continue;
        const tampered = `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
        expect(links.open(tampered)).toBeNull();
      }
    }
  });

  it('refuses a session token moved onto another session, another secret, and malformed input', () => {
    const token = links.tokenFor({ kind: 'session', sessionId: 'session-a' });
    const [, mac] = token.split('.');
    expect(links.open(`${Buffer.from('s.session-b').toString('base64url')}.${mac}`)).toBeNull();
    expect(links.open(`${Buffer.from('r.session-a').toString('base64url')}.${mac}`)).toBeNull();
    expect(new ShareLinks('another-secret', 'https://issuer.example.com').open(token)).toBeNull();
    for (const junk of ['', '.', 'abc', `${token}.x`, `.${mac}`, `${Buffer.from('x.session-a').toString('base64url')}.${mac}`, 'a'.repeat(600)]) {
      expect(links.open(junk)).toBeNull();
    }
  });

  it('points error_uri at the session page when the session is known, else at the request page', () => {
    const bySession = links.errorUri({ sessionId: 'session-a', requestId: 'req-1' });
    expect(bySession).toBe(`https://issuer.example.com/ui/shared/${links.tokenFor({ kind: 'session', sessionId: 'session-a' })}#request-req-1`);
    const byRequest = links.errorUri({ sessionId: null, requestId: 'req-2' });
    expect(byRequest).toBe(`https://issuer.example.com/ui/shared/${links.tokenFor({ kind: 'request', requestId: 'req-2' })}#request-req-2`);
  });
});
