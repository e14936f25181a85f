import { Inject, Injectable } from '@nestjs/common';
import { readTestBehaviours } from '@issuer/contracts-events';
import type { AuthRepository, StoredRefreshToken } from '@issuer/data-access-auth';
import { PLATFORM_CONFIG, type PlatformConfig, type RequestTimeline } from '@issuer/nest';
import { invalidGrant } from '@issuer/protocol-errors';
import { checkRefreshToken, createRefreshToken, hashSecret, type RefreshTokenTokenRequest } from '@issuer/protocol-oauth2';
import type { OpenIdCredentialDetail } from '@issuer/protocol-oid4vci';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';
import type { Authenticate, Grant } from './grant.js';

const FAMILY_REVOKED_HELP = 'A refresh token is single-use: a second use may be an attacker replaying a stolen copy, so every refresh token of the authorization is revoked. Start a new authorization request.';

/** RFC 6749 Section 6 with refresh token rotation (RFC 9700 Section 4.14.2) and DPoP binding (RFC 9449 Section 5). */
@Injectable()
export class RefreshTokenGrant {
  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async decide(request: RefreshTokenTokenRequest, authenticate: Authenticate, now: number, timeline: RequestTimeline): Promise<Grant> {
    const tokenHash = hashSecret(request.refresh_token);
    const stored = await this.repository.findRefreshToken(tokenHash);
    if (stored?.authorization.sessionId) timeline.setSession(stored.authorization.sessionId);
    const testBehaviours = readTestBehaviours(stored?.authorization.testBehaviours);
    const { client, dpopJkt } = await authenticate(testBehaviours);
    const { clientId } = client;
    const decision = checkRefreshToken(stored && { ...stored, clientId: stored.authorization.clientId }, request, { now, clientId, dpopJkt });
    if (!decision.ok) {
      if (decision.reused && stored) {
        const revoked = await this.repository.revokeRefreshTokens(stored.familyId, new Date(now * 1000), 'refresh token used twice');
        timeline.warn('Refresh token used twice', { refresh_tokens_revoked: revoked, used_at: stored.usedAt?.toISOString(), help: FAMILY_REVOKED_HELP, spec_ref: 'RFC 9700 Section 4.14.2' });
      }
      throw decision.error;
    }
    this.noteIgnoredParameters(request, timeline);
    const found = stored as StoredRefreshToken;
    const { authorization } = found;
    return {
      sessionId: authorization.sessionId as string,
      issuanceId: authorization.issuanceId as string,
      clientId: authorization.clientId,
      credentialConfigurationIds: authorization.credentialConfigurationIds,
      ...(authorization.authorizationDetails && { authorizationDetails: authorization.authorizationDetails as OpenIdCredentialDetail[] }),
      compatibilityProfile: authorization.compatibilityProfile ?? undefined,
      requireKeyAttestation: authorization.requireKeyAttestation,
      ...(authorization.testBehaviours && { testBehaviours }),
      consume: async (at) => {
        const refreshToken = createRefreshToken();
        const next = { tokenHash: hashSecret(refreshToken), expiresAt: new Date(at.getTime() + this.config.refreshTokenTtlSeconds * 1000) };
        if (!(await this.repository.rotateRefreshToken(found.familyId, tokenHash, next, at))) {
          timeline.warn('Refresh token used twice', { refresh_tokens_revoked: true, concurrent: true, help: FAMILY_REVOKED_HELP, spec_ref: 'RFC 9700 Section 4.14.2' });
          throw invalidGrant({
            reason: 'refresh_token was used, or its authorization revoked, by a concurrent request; every refresh token of its authorization is revoked',
            help: 'Send each refresh_token once, and the next refresh with the refresh_token of the latest token response. Start a new authorization request',
            specRef: 'RFC 9700 Section 4.14.2',
            description: 'The refresh token was already used',
          });
        }
        timeline.info('Refresh token rotated', { previous_issued_at: found.issuedAt.toISOString(), expires_in: this.config.refreshTokenTtlSeconds, dpop_bound: found.dpopJkt !== null });
        return { refreshToken };
      },
    };
  }

  /** RFC 6749 Section 6 lets a refresh narrow the scope; this server keeps what was granted and says so. */
  private noteIgnoredParameters(request: RefreshTokenTokenRequest, timeline: RequestTimeline): void {
    const sent = (['scope', 'authorization_details'] as const).filter((name) => request.parameters[name] !== undefined);
    if (sent.length === 0) return;
    timeline.info(`${sent.join(' and ')} of the refresh request ignored`, {
      parameters: Object.fromEntries(sent.map((name) => [name, request.parameters[name]])),
      help: 'The new access token covers the authorization as granted; start a new authorization request for a different one.',
      spec_ref: 'RFC 6749 Section 6',
    });
  }
}
