import { describe, expect, it } from '@jest/globals';
import { checkRefreshToken, type RefreshTokenRecord } from './check-refresh-token.js';

const NOW = 1_800_000_000;
const at = (seconds: number) => new Date((NOW + seconds) * 1000);
const record = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  clientId: 'wallet-client',
  dpopJkt: 'jkt-a',
  expiresAt: at(3600),
  usedAt: null,
  revokedAt: null,
  revocationReason: null,
  ...overrides,
});
const request = { client_id: 'wallet-client' };
const context = { now: NOW, clientId: undefined, dpopJkt: 'jkt-a' };

const errorOf = (decision: ReturnType<typeof checkRefreshToken>) =>
  decision.ok ? undefined : { error: decision.error.error, reason: decision.error.reason, specRef: decision.error.specRef, reused: decision.reused };

describe('checkRefreshToken (RFC 6749 Section 6, RFC 9700 Section 4.14.2, RFC 9449 Section 5)', () => {
  it('accepts the current token of its client with its DPoP key, and an unbound one without DPoP', () => {
    expect(checkRefreshToken(record(), request, context)).toEqual({ ok: true });
    expect(checkRefreshToken(record({ dpopJkt: null }), request, { ...context, dpopJkt: undefined })).toEqual({ ok: true });
  });

  it('refuses an unknown token', () => {
    expect(errorOf(checkRefreshToken(null, request, context))).toEqual({ error: 'invalid_grant', reason: 'refresh_token is unknown', specRef: 'RFC 6749 Section 6', reused: false });
  });

  it('refuses an expired token, as not a reuse', () => {
    expect(errorOf(checkRefreshToken(record({ expiresAt: at(0) }), request, context))).toMatchObject({ error: 'invalid_grant', reason: `refresh_token expired at ${at(0).toISOString()}`, reused: false });
    expect(checkRefreshToken(record({ expiresAt: at(1) }), request, context).ok).toBe(true);
  });

  it('refuses a token used before as a reuse, so that the family is revoked', () => {
    expect(errorOf(checkRefreshToken(record({ usedAt: at(-60) }), request, context))).toEqual({
      error: 'invalid_grant',
      reason: `refresh_token was already used at ${at(-60).toISOString()}; every refresh token of its authorization is revoked`,
      specRef: 'RFC 9700 Section 4.14.2',
      reused: true,
    });
    // Reuse wins over expiry: a copy of an old token is the breach signal either way.
    expect(errorOf(checkRefreshToken(record({ usedAt: at(-60), expiresAt: at(-1) }), request, context))).toMatchObject({ reused: true });
  });

  it('refuses a token of a revoked family with when and why, as not a new reuse', () => {
    const decision = errorOf(checkRefreshToken(record({ usedAt: at(-60), revokedAt: at(-30), revocationReason: 'authorization code reused' }), request, context));
    expect(decision).toEqual({
      error: 'invalid_grant',
      reason: `refresh_token was revoked at ${at(-30).toISOString()} (authorization code reused), with every refresh token of its authorization`,
      specRef: 'RFC 9700 Section 4.14.2',
      reused: false,
    });
  });

  it('refuses another client, named or authenticated, without counting a reuse', () => {
    expect(errorOf(checkRefreshToken(record(), { client_id: 'other' }, context))).toMatchObject({ error: 'invalid_grant', reason: 'refresh_token was issued to client wallet-client, not "other"', reused: false });
    expect(errorOf(checkRefreshToken(record(), request, { ...context, clientId: 'attested-other' }))).toMatchObject({ error: 'invalid_grant', reused: false });
    expect(errorOf(checkRefreshToken(record(), {}, context))).toMatchObject({ reason: 'refresh_token was issued to client wallet-client, not null' });
    // A stranger presenting a used token learns nothing and revokes nothing.
    expect(errorOf(checkRefreshToken(record({ usedAt: at(-60) }), { client_id: 'other' }, context))).toMatchObject({ reused: false });
  });

  it('refuses another DPoP key, a missing proof, and a proof for a token issued without DPoP', () => {
    expect(errorOf(checkRefreshToken(record(), request, { ...context, dpopJkt: 'jkt-b' }))).toEqual({
      error: 'invalid_grant',
      reason: 'DPoP proof key jkt-b is not the key jkt-a the refresh_token is bound to',
      specRef: 'RFC 9449 Section 5',
      reused: false,
    });
    expect(errorOf(checkRefreshToken(record(), request, { ...context, dpopJkt: undefined }))).toMatchObject({ reason: 'refresh_token is bound to DPoP key jkt-a, and no DPoP proof was sent' });
    expect(errorOf(checkRefreshToken(record({ dpopJkt: null }), request, context))).toMatchObject({ error: 'invalid_grant', reason: expect.stringContaining('issued without DPoP'), specRef: 'RFC 9449 Section 5' });
    expect(errorOf(checkRefreshToken(record({ usedAt: at(-60) }), request, { ...context, dpopJkt: 'jkt-b' }))).toMatchObject({ reused: false });
  });
});
