import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { isProtocolError } from '@issuer/protocol-errors';
import type { PlatformConfig } from '@issuer/nest';
import { OtlpIngestGuard } from './otlp-ingest.guard.js';

function contextFor(remoteAddress: string, headers: Record<string, string> = {}): ExecutionContext {
  const request = { headers, raw: { socket: { remoteAddress } } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

function guard(otlpIngestToken?: string): OtlpIngestGuard {
  return new OtlpIngestGuard({ otlpIngestToken } as PlatformConfig);
}

function rejection(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isProtocolError(error) ? error.error : 'not a protocol error';
  }
}

describe('OTLP ingest guard', () => {
  it('accepts senders on this host when no token is configured', () => {
    expect(guard().canActivate(contextFor('127.0.0.1'))).toBe(true);
    expect(guard().canActivate(contextFor('::1'))).toBe(true);
  });

  it('refuses other hosts, whatever X-Forwarded-For claims', () => {
    expect(rejection(() => guard().canActivate(contextFor('10.1.2.3', { 'x-forwarded-for': '127.0.0.1' })))).toBe('unauthorized');
  });

  it('with a token, requires it from every sender, loopback included', () => {
    const withToken = guard('ingest-token-0123456789');
    expect(withToken.canActivate(contextFor('10.1.2.3', { authorization: 'Bearer ingest-token-0123456789' }))).toBe(true);
    expect(rejection(() => withToken.canActivate(contextFor('127.0.0.1')))).toBe('unauthorized');
    expect(rejection(() => withToken.canActivate(contextFor('10.1.2.3', { authorization: 'Bearer wrong' })))).toBe('unauthorized');
  });
});
