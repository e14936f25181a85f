import { Inject, Injectable } from '@nestjs/common';
import type { AuthorizationRequestRecord } from '@issuer/data-access-auth';
import { openSealed, randomToken, sealJson, type JsonObject } from '@issuer/crypto';
import {
  CLOCK,
  CREDENTIAL_CONFIGURATIONS,
  decodeJwtForTimeline,
  describeSecret,
  PLATFORM_CONFIG,
  PLATFORM_SECRETS,
  type Clock,
  type CredentialConfigurations,
  type LoginOpenIdProvider,
  type PlatformConfig,
  type PlatformSecrets,
  type RequestTimeline,
} from '@issuer/nest';
import { invalidRequest } from '@issuer/protocol-errors';
import { authorizationResponseUrl, checkOpenIdProviderIdToken, hashSecret, openIdProviderAuthorizationUrl, openOpenIdProviderLoginState, sealOpenIdProviderLoginState } from '@issuer/protocol-oauth2';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { EndUser, EndUserLogin, LoginForm, LoginStart, PendingLogin, ReturnedLogin } from './end-user-login.js';
import { openIdProviderClaimsFor } from './openid-provider-claims.js';

export const OPENID_PROVIDER_CALLBACK_PATH = '/authorize/callback';
const TIMEOUT_MS = 5000;
const TICKET_CONTEXT = 'openid-provider-login-ticket';

/** OpenID Connect Discovery 1.0 Section 3: what this client needs of the OP's metadata. */
interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
}

type Failure = { error: 'access_denied' | 'server_error'; error_description: string };

/** Why the OP could not be used: unreachable, or answering what this client cannot use. */
class OpenIdProviderUnavailable extends Error {}

/**
 * End-Users log in at an external OpenID Provider (OpenID Connect Core 1.0 Section 3.1, the
 * authorization code flow, with PKCE S256): the browser goes to the OP, comes back to the callback
 * with a code, the code is redeemed at the OP's token endpoint, and the ID Token names the End-User.
 * Then the End-User consents on this server's page, as after the built-in login.
 */
@Injectable()
export class OpenIdProviderLogin implements EndUserLogin {
  private readonly provider: LoginOpenIdProvider;
  private metadata: Promise<{ metadata: ProviderMetadata; keys: JWTVerifyGetKey }> | undefined;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(CLOCK) private readonly now: Clock,
  ) {
    this.provider = config.loginOpenIdProvider as LoginOpenIdProvider;
  }

  async start({ requestUri, record }: PendingLogin, timeline: RequestTimeline): Promise<LoginStart> {
    let metadata;
    try {
      ({ metadata } = await this.discover());
    } catch (error) {
      return { redirect: this.failed(record, timeline, { error: 'server_error', error_description: 'The End-User\'s OpenID Provider cannot be reached' }, error) };
    }
    const nonce = randomToken(16);
    const codeVerifier = randomToken(32);
    const state = sealOpenIdProviderLoginState({ requestUri, nonce, codeVerifier, expiresAt: Math.floor(record.expiresAt.getTime() / 1000) }, this.secrets.nonceSecret);
    const location = openIdProviderAuthorizationUrl({
      authorizationEndpoint: metadata.authorization_endpoint,
      clientId: this.provider.clientId,
      redirectUri: this.callbackUri(),
      scopes: this.provider.scopes,
      state,
      nonce,
      codeVerifier,
    });
    timeline.info('End-User redirected to the OpenID Provider to log in', {
      issuer: this.provider.issuer,
      authorization_endpoint: metadata.authorization_endpoint,
      client_id: this.provider.clientId,
      redirect_uri: this.callbackUri(),
      scope: this.provider.scopes.join(' '),
      nonce,
      state: describeSecret(state),
      code_challenge_method: 'S256',
      spec_ref: 'OpenID Connect Core 1.0 Section 3.1.2.1',
    });
    return { redirect: location };
  }

  returned(query: Record<string, string>, timeline: RequestTimeline): ReturnedLogin {
    timeline.info('OpenID Provider answered the authorization request', {
      code: describeSecret(query['code']),
      state: describeSecret(query['state']),
      ...(query['error'] !== undefined && { error: query['error'], error_description: query['error_description'] ?? null }),
    });
    const help = 'Log in again from the wallet: the state the OpenID Provider returns must be the one this server sent';
    if (query['state'] === undefined) throw invalidRequest({ reason: 'the OpenID Provider\'s answer has no state', help, specRef: 'OpenID Connect Core 1.0 Section 3.1.2.5' });
    const state = openOpenIdProviderLoginState(query['state'], this.secrets.nonceSecret);
    if (state === null) throw invalidRequest({ reason: 'state is not the state of a login this server started at its OpenID Provider', help, specRef: 'OpenID Connect Core 1.0 Section 3.1.2.7' });
    return {
      requestUri: state.requestUri,
      complete: (record) => this.complete(query, state, record, timeline),
    };
  }

  authenticate(form: Record<string, string>, { requestUri, record }: PendingLogin, timeline: RequestTimeline): { user: EndUser } | { retry: string; form: LoginForm } {
    const ticket = openSealed(form['login'] ?? '', this.secrets.nonceSecret, TICKET_CONTEXT);
    if (!ticket || ticket['r'] !== hashSecret(requestUri) || typeof ticket['s'] !== 'string' || typeof ticket['n'] !== 'string' || typeof ticket['c'] !== 'object' || ticket['c'] === null) {
      timeline.warn('Consent without a login at the OpenID Provider', { login: describeSecret(form['login']) });
      throw invalidRequest({
        reason: 'the consent form carries no login at the OpenID Provider for this authorization request',
        help: 'Open the authorization request again: the End-User logs in at the OpenID Provider, then consents',
        specRef: 'RFC 6749 Section 4.1.1',
      });
    }
    timeline.debug('End-User of the OpenID Provider login', { subject: ticket['s'], client_id: record.clientId });
    return { user: { subject: ticket['s'], name: ticket['n'], claims: ticket['c'] as Record<string, Record<string, unknown>> } };
  }

  retryForm(): null {
    return null;
  }

  private async complete(query: Record<string, string>, state: { nonce: string; codeVerifier: string; expiresAt: number }, record: AuthorizationRequestRecord, timeline: RequestTimeline) {
    if (query['error'] !== undefined) {
      // OpenID Connect Core 1.0 Section 3.1.2.6: the End-User did not log in, or did not allow this client.
      return this.refused(timeline, { error: 'access_denied', error_description: `The End-User did not log in at the OpenID Provider (${query['error']})` });
    }
    if (query['code'] === undefined) return this.refused(timeline, { error: 'server_error', error_description: 'The OpenID Provider answered without a code' });
    try {
      const { metadata, keys } = await this.discover();
      const tokens = await this.redeem(metadata, query['code'], state.codeVerifier);
      const user = await this.verifyIdToken(tokens.idToken, keys, state.nonce, timeline);
      if ('error' in user) return user;
      const claims = { ...(await this.userInfo(metadata, tokens.accessToken, user.subject, timeline)), ...user.claims };
      return this.loggedIn(record, user.subject, claims, timeline);
    } catch (error) {
      if (error instanceof OpenIdProviderUnavailable) return this.refused(timeline, { error: 'server_error', error_description: 'The End-User\'s OpenID Provider could not be used' }, error);
      throw error;
    }
  }

  /** OpenID Connect Core 1.0 Sections 3.1.3.5 and 3.1.3.7: the ID Token signed with the OP's keys, then its claims. */
  private async verifyIdToken(idToken: string, keys: JWTVerifyGetKey, nonce: string, timeline: RequestTimeline): Promise<{ subject: string; claims: JsonObject } | Failure> {
    const decoded = decodeJwtForTimeline(idToken);
    let claims: JsonObject;
    try {
      // The claims are checked below, one by one with their reason; here the signature (and jose's exp check).
      claims = (await jwtVerify(idToken, keys, { currentDate: new Date(this.now() * 1000), clockTolerance: 60 })).payload as JsonObject;
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC') || (error instanceof Error && !(error instanceof errors.JOSEError))) throw new OpenIdProviderUnavailable(`the OP's JWKS could not be fetched: ${error.message}`);
      const reason = error instanceof errors.JOSEError ? joseReason(error) : 'the ID Token could not be verified';
      timeline.error('ID Token of the OpenID Provider refused', { id_token: decoded, reason, code: (error as errors.JOSEError).code, spec_ref: 'OpenID Connect Core 1.0 Section 3.1.3.7' });
      return { error: 'server_error', error_description: 'The ID Token of the End-User\'s OpenID Provider is not valid' };
    }
    const check = checkOpenIdProviderIdToken({ claims, issuer: this.provider.issuer, clientId: this.provider.clientId, nonce, now: this.now() });
    if (!check.valid) {
      timeline.error('ID Token of the OpenID Provider refused', { id_token: decoded, reason: check.reason, spec_ref: check.spec_ref });
      return { error: 'server_error', error_description: 'The ID Token of the End-User\'s OpenID Provider is not valid' };
    }
    timeline.info('ID Token of the OpenID Provider verified', { id_token: decoded, subject: check.subject, spec_ref: 'OpenID Connect Core 1.0 Section 3.1.3.7' });
    return { subject: check.subject, claims };
  }

  private loggedIn(record: AuthorizationRequestRecord, subject: string, claims: Record<string, unknown>, timeline: RequestTimeline): { user: EndUser; form: LoginForm } {
    const perConfiguration: Record<string, Record<string, unknown>> = {};
    for (const id of record.credentialConfigurationIds) {
      const configuration = this.configurations.get(id);
      const found = configuration && openIdProviderClaimsFor(claims, configuration);
      if (found) perConfiguration[id] = found;
    }
    const name = typeof claims['name'] === 'string' ? claims['name'] : [claims['given_name'], claims['family_name']].filter((part) => typeof part === 'string').join(' ') || subject;
    timeline.info('End-User logged in at the OpenID Provider; consent asked', {
      subject,
      claims_by_credential_configuration: Object.fromEntries(record.credentialConfigurationIds.map((id) => [id, Object.keys(perConfiguration[id] ?? {})])),
    });
    const login = sealJson({ r: record.requestUriHash, s: subject, n: name, c: perConfiguration }, this.secrets.nonceSecret, TICKET_CONTEXT);
    return { user: { subject, name, claims: perConfiguration }, form: { kind: 'consent', name, provider: this.provider.issuer, login } };
  }

  /** OpenID Connect Core 1.0 Section 3.1.3.1 with RFC 7636 Section 4.5; client_secret_basic when the client has a secret. */
  private async redeem(metadata: ProviderMetadata, code: string, codeVerifier: string): Promise<{ idToken: string; accessToken: string | undefined }> {
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.callbackUri(), code_verifier: codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (this.provider.clientSecret === undefined) form.set('client_id', this.provider.clientId);
    // RFC 6749 Section 2.3.1: client_id and secret form-encoded, then Basic.
    else headers['authorization'] = `Basic ${Buffer.from(`${formEncode(this.provider.clientId)}:${formEncode(this.provider.clientSecret)}`).toString('base64')}`;
    const body = await this.fetchJson(metadata.token_endpoint, { method: 'POST', headers, body: form.toString() }, 'token endpoint');
    if (typeof body['id_token'] !== 'string') throw new OpenIdProviderUnavailable(`the token endpoint answered ${typeof body['error'] === 'string' ? `error ${body['error']}` : 'without an id_token'}`);
    return { idToken: body['id_token'], accessToken: typeof body['access_token'] === 'string' ? body['access_token'] : undefined };
  }

  /** OpenID Connect Core 1.0 Section 5.3; its sub must be the ID Token's (Section 5.3.2), else it is not used. */
  private async userInfo(metadata: ProviderMetadata, accessToken: string | undefined, subject: string, timeline: RequestTimeline): Promise<Record<string, unknown>> {
    if (metadata.userinfo_endpoint === undefined || accessToken === undefined) return {};
    let claims: Record<string, unknown>;
    try {
      claims = await this.fetchJson(metadata.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }, 'userinfo endpoint');
    } catch (error) {
      timeline.warn('UserInfo of the OpenID Provider not used', { reason: (error as Error).message, spec_ref: 'OpenID Connect Core 1.0 Section 5.3' });
      return {};
    }
    if (claims['sub'] !== subject) {
      timeline.warn('UserInfo of the OpenID Provider not used', { reason: `its sub ${JSON.stringify(claims['sub'] ?? null)} is not the ID Token's`, spec_ref: 'OpenID Connect Core 1.0 Section 5.3.2' });
      return {};
    }
    timeline.debug('UserInfo of the OpenID Provider received', { claims: Object.keys(claims) });
    return claims;
  }

  /** OpenID Connect Discovery 1.0 Section 4, fetched once and kept; a failed fetch is tried again at the next login. */
  private discover(): Promise<{ metadata: ProviderMetadata; keys: JWTVerifyGetKey }> {
    this.metadata ??= (async () => {
      const url = `${this.provider.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
      const metadata = (await this.fetchJson(url, { headers: { accept: 'application/json' } }, 'discovery')) as unknown as ProviderMetadata;
      // OpenID Connect Discovery 1.0 Section 4.3: the issuer stated must be the one configured, exactly.
      if (metadata.issuer !== this.provider.issuer) throw new OpenIdProviderUnavailable(`its discovery document names issuer ${JSON.stringify(metadata.issuer)}, not ${this.provider.issuer}`);
      for (const member of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
        if (typeof metadata[member] !== 'string') throw new OpenIdProviderUnavailable(`its discovery document has no ${member}`);
      }
      return { metadata, keys: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: TIMEOUT_MS }) };
    })();
    this.metadata.catch(() => (this.metadata = undefined));
    return this.metadata;
  }

  private async fetchJson(url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      throw new OpenIdProviderUnavailable(`its ${what} ${url} cannot be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new OpenIdProviderUnavailable(`its ${what} answered ${response.status} without JSON`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new OpenIdProviderUnavailable(`its ${what} answered ${response.status} with no JSON object`);
    if (!response.ok && what !== 'token endpoint') throw new OpenIdProviderUnavailable(`its ${what} answered ${response.status}`);
    return body as Record<string, unknown>;
  }

  private refused(timeline: RequestTimeline, failure: Failure, cause?: unknown): Failure {
    timeline.warn('Login at the OpenID Provider failed', { ...failure, ...(cause instanceof Error && { reason: cause.message }) });
    return failure;
  }

  private failed(record: AuthorizationRequestRecord, timeline: RequestTimeline, failure: Failure, cause: unknown): string {
    timeline.error('OpenID Provider not reachable; the wallet is told', { ...failure, reason: cause instanceof Error ? cause.message : String(cause), issuer: this.provider.issuer });
    return authorizationResponseUrl(record.redirectUri, { ...failure, ...(record.state !== null && { state: record.state }), iss: this.config.publicUrl });
  }

  private callbackUri(): string {
    return `${this.config.publicUrl}${OPENID_PROVIDER_CALLBACK_PATH}`;
  }
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** jose's errors by code (ARCHITECTURE.md principle 2), never by message. */
function joseReason(error: errors.JOSEError): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the ID Token expired';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key of the OpenID Provider\'s JWKS matches the ID Token\'s kid and alg';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the ID Token\'s signature does not verify with the OpenID Provider\'s key';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the ID Token's ${(error as errors.JWTClaimValidationFailed).claim} claim is not valid`;
    default:
      return `the ID Token is not a valid signed JWT (${error.code})`;
  }
}
