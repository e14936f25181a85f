import { Inject, Injectable } from '@nestjs/common';
import { readTestBehaviours } from '@issuer/contracts-events';
import type { AuthorizationRequestRecord, AuthRepository } from '@issuer/data-access-auth';
import { PLATFORM_CONFIG, type PlatformConfig, type RequestTimeline } from '@issuer/nest';
import { invalidGrant } from '@issuer/protocol-errors';
import { checkAuthorizationCode, createRefreshToken, hashSecret, type AuthorizationCodeTokenRequest } from '@issuer/protocol-oauth2';
import type { OpenIdCredentialDetail } from '@issuer/protocol-oid4vci';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';
import type { Authenticate, Grant } from './grant.js';

/** RFC 6749 Section 4.1.3 with PKCE (RFC 7636) and the dpop_jkt of the authorization request (RFC 9449 Section 10). */
@Injectable()
export class AuthorizationCodeGrant {
  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async decide(request: AuthorizationCodeTokenRequest, authenticate: Authenticate, now: number, timeline: RequestTimeline): Promise<Grant> {
    const codeHash = hashSecret(request.code);
    const record = await this.repository.findByAuthorizationCode(codeHash);
    if (record?.sessionId) timeline.setSession(record.sessionId);
    const testBehaviours = readTestBehaviours(record?.testBehaviours);
    const { client, dpopJkt } = await authenticate(testBehaviours);
    const { clientId } = client;
    const decision = checkAuthorizationCode(record, request, { now, clientId, dpopJkt, redirectUriPolicy: this.config.tokenRedirectUri });
    if (!decision.ok) {
      if (decision.reused && record) await this.revokeRefreshTokens(record, new Date(now * 1000), timeline);
      throw decision.error;
    }
    for (const note of decision.notes) timeline.info(note);
    const found = record as AuthorizationRequestRecord;
    return {
      sessionId: found.sessionId as string,
      issuanceId: found.issuanceId as string,
      clientId: found.clientId,
      credentialConfigurationIds: found.credentialConfigurationIds,
      ...(found.authorizationDetails && { authorizationDetails: found.authorizationDetails as OpenIdCredentialDetail[] }),
      compatibilityProfile: found.compatibilityProfile ?? undefined,
      requireKeyAttestation: found.requireKeyAttestation,
      ...(found.testBehaviours && { testBehaviours }),
      ...(found.holderAuthorizationEndpoint !== null && found.subject !== null && { holder: { did: found.subject, nonce: found.nonce } }),
      consume: async (at, events) => {
        const refreshToken = createRefreshToken();
        const expiresAt = new Date(at.getTime() + this.config.refreshTokenTtlSeconds * 1000);
        // RFC 9449 Section 5: a public client's refresh token is bound to the DPoP key of this request.
        if (!(await this.repository.consumeAuthorizationCode(codeHash, at, { tokenHash: hashSecret(refreshToken), expiresAt, dpopJkt: dpopJkt ?? null }, events))) {
          await this.revokeRefreshTokens(found, at, timeline);
          throw invalidGrant({ reason: 'The authorization code was redeemed by a concurrent request.', help: 'An authorization code is single-use: start a new authorization request.', specRef: 'RFC 6749 Section 4.1.2' });
        }
        timeline.info('Refresh token issued', { expires_in: this.config.refreshTokenTtlSeconds, dpop_bound: dpopJkt !== undefined });
        return { refreshToken };
      },
    };
  }

  /** RFC 9700 Section 4.5: a second redemption may be an attacker's; the refresh tokens the first one obtained are revoked. */
  private async revokeRefreshTokens(record: AuthorizationRequestRecord, at: Date, timeline: RequestTimeline): Promise<void> {
    const revoked = await this.repository.revokeRefreshTokens(record.requestUriHash, at, 'authorization code used twice');
    timeline.warn('Authorization code used twice', {
      refresh_tokens_revoked: revoked,
      help: 'A second redemption may be an attacker replaying a stolen code: the refresh tokens issued for it are revoked. Access tokens already issued stay valid until they expire.',
      spec_ref: 'RFC 9700 Section 4.5',
    });
  }
}
