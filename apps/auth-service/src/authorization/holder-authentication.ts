import { Inject, Injectable } from '@nestjs/common';
import type { AuthRepository, AuthorizationRequestRecord } from '@issuer/data-access-auth';
import { randomToken, type KeyStore } from '@issuer/crypto';
import { CLOCK, decodeJwtForTimeline, describeSecret, KEY_STORE, PLATFORM_CONFIG, PLATFORM_SECRETS, type Clock, type PlatformConfig, type PlatformSecrets, type RequestTimeline } from '@issuer/nest';
import { invalidRequest } from '@issuer/protocol-errors';
import {
  authorizationResponseUrl,
  createIdTokenRequest,
  hashSecret,
  openIdTokenRequestState,
  readFormParameters,
  sealIdTokenRequestState,
  verifyHolderIdToken,
  type FormBody,
} from '@issuer/protocol-oauth2';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';

export const DIRECT_POST_PATH = '/direct_post';
const SPEC_REF = 'OpenID4VP 1.0 Section 8.2';

/**
 * EBSI v4: instead of a login, the authorization server authenticates the holder's DID. It redirects
 * the wallet to its own authorization_endpoint with an ID Token Request (SIOPv2), takes the signed
 * ID Token at the direct_post endpoint, and answers the original authorization request with a code.
 */
@Injectable()
export class HolderAuthentication {
  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** The redirect carrying the ID Token Request; valid as long as the authorization request is. */
  async requestIdToken(record: AuthorizationRequestRecord, timeline: RequestTimeline): Promise<string> {
    const now = this.now();
    const expiresAt = Math.floor(record.expiresAt.getTime() / 1000);
    const nonce = randomToken(16);
    const state = sealIdTokenRequestState({ requestUriHash: record.requestUriHash, nonce, expiresAt }, this.secrets.nonceSecret);
    const request = createIdTokenRequest(
      {
        issuer: this.config.publicUrl,
        directPostUri: `${this.config.publicUrl}${DIRECT_POST_PATH}`,
        holderClientId: record.clientId,
        authorizationEndpoint: record.holderAuthorizationEndpoint as string,
        state,
        nonce,
        now,
        expiresIn: Math.max(expiresAt - now, 1),
      },
      await this.keys.signingKey('access_token'),
    );
    timeline.info('ID Token Request sent to the holder (EBSI v4)', {
      authorization_endpoint: record.holderAuthorizationEndpoint,
      request_object: { ...request.claims, state: describeSecret(state) },
      help: `The wallet signs an ID Token with the key of its DID (iss and sub the DID, aud ${this.config.publicUrl}, this nonce) and POSTs id_token and state to ${this.config.publicUrl}${DIRECT_POST_PATH}`,
      spec_ref: 'SIOPv2 Section 9',
    });
    return request.location;
  }

  /** The direct_post endpoint: verifies the holder's ID Token, then issues the code of the authorization request. */
  async complete(body: FormBody, timeline: RequestTimeline): Promise<string> {
    const parameters = readFormParameters(body);
    timeline.info('ID Token response received', { id_token: decodeJwtForTimeline(parameters.id_token), ...(parameters.error !== undefined && { error: parameters.error }) });
    const record = await this.pendingRequest(parameters.state, timeline);
    const found = record.request;
    if (parameters.error !== undefined && parameters.id_token === undefined) {
      // SIOPv2 Section 10: the wallet answers with an error, e.g. the holder declined; the client learns it at its redirect_uri.
      timeline.warn('The holder declined the ID Token Request', { error: parameters.error, error_description: parameters.error_description ?? null });
      return authorizationResponseUrl(found.redirectUri, { error: 'access_denied', error_description: 'The holder declined to authenticate', ...(found.state !== null && { state: found.state }), iss: this.config.publicUrl });
    }
    const now = this.now();
    const holder = verifyHolderIdToken({
      idToken: parameters.id_token,
      issuer: this.config.publicUrl,
      nonce: record.nonce,
      ...(/^did:(key|jwk):/.test(found.clientId) && { clientDid: found.clientId }),
      now,
    });
    timeline.info('Holder DID authenticated by its ID Token', { did: holder.subject, kid: holder.kid, alg: holder.alg });

    const code = randomToken(32);
    const issued = await this.repository.issueAuthorizationCode(
      found.requestUriHash,
      { codeHash: hashSecret(code), codeExpiresAt: new Date((now + this.config.authorizationCodeTtlSeconds) * 1000), subject: holder.subject, sessionId: found.sessionId as string, issuanceId: found.issuanceId as string },
      new Date(now * 1000),
    );
    if (!issued) throw refuse('the authorization request was completed by a concurrent ID Token response, or expired meanwhile');
    timeline.info('Authorization code issued for the holder\'s DID', { subject: holder.subject, credential_configuration_ids: found.credentialConfigurationIds, expires_in: this.config.authorizationCodeTtlSeconds });
    return authorizationResponseUrl(found.redirectUri, { code, ...(found.state !== null && { state: found.state }), iss: this.config.publicUrl });
  }

  /** The authorization request the sealed state names: unexpired, waiting for the holder, no code yet. */
  private async pendingRequest(value: string | undefined, timeline: RequestTimeline): Promise<{ request: AuthorizationRequestRecord; nonce: string }> {
    if (value === undefined) throw refuse('state is missing', 'Send the state of the ID Token Request with the id_token');
    const state = openIdTokenRequestState(value, this.secrets.nonceSecret);
    if (state === null) throw refuse('state is not the state of an ID Token Request of this server', 'Send the state of the ID Token Request unchanged');
    const record = await this.repository.findAuthorizationRequest(state.requestUriHash);
    if (record?.sessionId) timeline.setSession(record.sessionId);
    timeline.setClientId(record?.clientId);
    const now = this.now();
    if (!record || record.holderAuthorizationEndpoint === null || record.issuanceId === null) throw refuse('the authorization request of this state is unknown');
    if (record.codeHash !== null) throw refuse('the authorization request of this state was already completed: an ID Token Request is answered once');
    if (state.expiresAt <= now || record.expiresAt.getTime() <= now * 1000) throw refuse(`the authorization request of this state expired at ${record.expiresAt.toISOString()}`);
    return { request: record, nonce: state.nonce };
  }
}

function refuse(reason: string, help = 'Start a new authorization request; answer its ID Token Request once, at once'): ReturnType<typeof invalidRequest> {
  return invalidRequest({ reason, help, specRef: SPEC_REF });
}
