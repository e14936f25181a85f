import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, type CreateAuthorizedIssuanceReplyV1 } from '@issuer/contracts-events';
import type { AuthRepository, AuthorizationRequestRecord } from '@issuer/data-access-auth';
import { randomToken } from '@issuer/crypto';
import {
  CLOCK,
  COMMAND_BUS,
  CREDENTIAL_CONFIGURATIONS,
  dpopNonceSettings,
  PLATFORM_CONFIG,
  PLATFORM_SECRETS,
  type Clock,
  type CommandBus,
  type CredentialConfigurations,
  type PlatformConfig,
  type PlatformSecrets,
  type RequestTimeline,
} from '@issuer/nest';
import { invalidRequest, invalidRequestUri } from '@issuer/protocol-errors';
import {
  authorizationResponseUrl,
  checkDpopProofNonce,
  dpopProofReplayed,
  hashSecret,
  idTokenHolderAuthentication,
  parseAuthorizationRequest,
  pushedRequestDpopJkt,
  readFormParameters,
  requireWalletAttestation,
  verifyDpopProof,
  type AuthenticatedClient,
  type AuthorizationRequestParameters,
  type FormBody,
  type VerifiedDpopProof,
} from '@issuer/protocol-oauth2';
import { effectiveProfile, resolveAuthorization, translateDraftAuthorizationDetails, translatesDrafts } from '@issuer/protocol-oid4vci';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';
import { END_USER_LOGIN, type EndUser, type EndUserLogin, type LoginForm } from './end-user-login.js';

// RFC 9126 Section 2.2: the request_uri is a URN with a reference the client cannot guess.
const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

export type LoginOutcome = { redirect: string } | { retry: string; form: LoginForm };

/** What the login and consent page shows for a pending request. */
export interface LoginPageView {
  requestUri: string;
  clientId: string;
  credentials: string[];
  form: LoginForm;
}

/** RFC 9126 and RFC 6749 Section 4.1: pushed and plain authorization requests, login, consent, the code. */
@Injectable()
export class AuthorizationRequests {
  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(END_USER_LOGIN) private readonly endUserLogin: EndUserLogin,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** RFC 9126 Section 2: stores the request and answers its request_uri. */
  async push(body: FormBody, client: AuthenticatedClient, dpop: string[], timeline: RequestTimeline) {
    const requestUri = await this.store(body, { pushed: true, client, dpopProof: this.pushedDpopProof(dpop, timeline) }, timeline);
    return { request_uri: requestUri, expires_in: this.config.requestUriTtlSeconds };
  }

  /** The authorization endpoint: the stored request a request_uri names, or a plain request where PAR is optional. */
  async open(query: FormBody, timeline: RequestTimeline): Promise<{ requestUri: string; record: AuthorizationRequestRecord }> {
    const parameters = readFormParameters(query);
    timeline.setClientId(parameters.client_id);
    if (parameters.request_uri === undefined) {
      if (this.config.requirePar) {
        // EBSI v4 wallets send their authorization request to /authorize as they are redirected there.
        const ebsi = parameters.client_metadata !== undefined || /^did:(key|jwk):/.test(parameters.client_id ?? '');
        throw invalidRequest({
          reason: 'the authorization request was not pushed, and this server requires pushed authorization requests',
          help: ebsi
            ? 'POST the parameters to the pushed_authorization_request_endpoint first, then send client_id and the request_uri it answers. EBSI v4 wallets that cannot push need an issuer run with REQUIRE_PAR=false'
            : 'POST the parameters to the pushed_authorization_request_endpoint first, then send client_id and the request_uri it answers',
          specRef: 'RFC 9126 Section 5',
        });
      }
      const requestUri = await this.store(query, { pushed: false }, timeline);
      return { requestUri, record: await this.pending(requestUri, parameters.client_id, timeline) };
    }
    return { requestUri: parameters.request_uri, record: await this.pending(parameters.request_uri, parameters.client_id, timeline) };
  }

  /** The login form's answer: the End-User logs in and allows, or denies; the wallet is sent back either way. */
  async login(body: FormBody, timeline: RequestTimeline): Promise<LoginOutcome> {
    const form = readFormParameters(body);
    const requestUri = form.request_uri ?? '';
    const record = await this.pending(requestUri, form.client_id, timeline);
    if (form.decision === 'deny') {
      timeline.warn('End-User denied the authorization request', { client_id: record.clientId });
      return { redirect: authorizationResponseUrl(record.redirectUri, { error: 'access_denied', error_description: 'The End-User denied the request', ...(record.state !== null && { state: record.state }), iss: this.config.publicUrl }) };
    }
    const authenticated = this.endUserLogin.authenticate(form, { requestUri, record }, timeline);
    if ('retry' in authenticated) return authenticated;
    const { user } = authenticated;
    const sessionId = record.sessionId as string;
    const issuanceId = record.issuanceId ?? (await this.walletInitiatedIssuance(record, sessionId, user, timeline));
    if (typeof issuanceId !== 'string') {
      const retryForm = this.endUserLogin.retryForm();
      if (retryForm) return { retry: issuanceId.retry, form: retryForm };
      // Logged in at an OpenID Provider, the End-User cannot become another here: the wallet learns it (RFC 6749 Section 4.1.2.1).
      const description = 'The End-User\'s claims at the OpenID Provider do not give the credentials asked for';
      return { redirect: authorizationResponseUrl(record.redirectUri, { error: 'access_denied', error_description: description, ...(record.state !== null && { state: record.state }), iss: this.config.publicUrl }) };
    }

    const code = randomToken(32);
    const now = this.now();
    const issued = await this.repository.issueAuthorizationCode(
      hashSecret(requestUri),
      { codeHash: hashSecret(code), codeExpiresAt: new Date((now + this.config.authorizationCodeTtlSeconds) * 1000), subject: user.subject, sessionId, issuanceId },
      new Date(now * 1000),
    );
    // Another login completed the request meanwhile, or it expired: the timeline says which.
    if (!issued) throw this.usedOrExpired(requestUri, await this.repository.findAuthorizationRequest(hashSecret(requestUri)));
    timeline.info('End-User logged in and allowed; authorization code issued', { subject: user.subject, credential_configuration_ids: record.credentialConfigurationIds, expires_in: this.config.authorizationCodeTtlSeconds });
    return { redirect: authorizationResponseUrl(record.redirectUri, { code, ...(record.state !== null && { state: record.state }), iss: this.config.publicUrl }) };
  }

  describe(record: AuthorizationRequestRecord): string[] {
    return record.credentialConfigurationIds.map((id) => this.configurations.get(id)?.display?.[0]?.name ?? id);
  }

  /** GET /authorize after the request's checks: the login page, or the browser sent to log in elsewhere. */
  async startLogin(requestUri: string, record: AuthorizationRequestRecord, timeline: RequestTimeline): Promise<{ redirect: string } | LoginPageView> {
    const start = await this.endUserLogin.start({ requestUri, record }, timeline);
    if ('redirect' in start) return start;
    timeline.info('Login page shown', { client_id: record.clientId });
    return { requestUri, clientId: record.clientId, credentials: this.describe(record), form: start.form };
  }

  /** The End-User back from an external login: the consent page, or the wallet told why not (RFC 6749 Section 4.1.2.1). */
  async returnFromLogin(query: FormBody, timeline: RequestTimeline): Promise<{ redirect: string } | LoginPageView> {
    const returned = this.endUserLogin.returned(readFormParameters(query), timeline);
    if (returned === null) {
      throw invalidRequest({ reason: 'this server logs End-Users in on its own login page, not at an OpenID Provider', help: 'Open the authorization endpoint with client_id and request_uri', specRef: 'RFC 6749 Section 4.1.1' });
    }
    const record = await this.pending(returned.requestUri, null, timeline);
    const outcome = await returned.complete(record);
    if ('error' in outcome) return { redirect: authorizationResponseUrl(record.redirectUri, { ...outcome, ...(record.state !== null && { state: record.state }), iss: this.config.publicUrl }) };
    return { requestUri: returned.requestUri, clientId: record.clientId, credentials: this.describe(record), form: outcome.form };
  }

  /** RFC 9449 Section 10.1: a DPoP header on the pushed request is checked as at the token endpoint (Section 4.3). */
  private pushedDpopProof(dpop: string[], timeline: RequestTimeline): VerifiedDpopProof | undefined {
    if (dpop.length === 0) return undefined;
    const now = this.now();
    const proof = verifyDpopProof({ proofs: dpop, htm: 'POST', htu: `${this.config.publicUrl}/par`, now });
    const nonceChecks = checkDpopProofNonce(proof, dpopNonceSettings(this.config, this.secrets), { now, server: 'authorization_server' });
    timeline.debug('DPoP proof validated', { dpop_jkt: proof.jkt, jti: proof.jti, checks: [...proof.checks, ...nonceChecks] });
    return proof;
  }

  private async store(
    body: FormBody,
    { pushed, client, dpopProof }: { pushed: boolean; client?: AuthenticatedClient; dpopProof?: VerifiedDpopProof | undefined },
    timeline: RequestTimeline,
  ): Promise<string> {
    const parameters = readFormParameters(body);
    const request = parseAuthorizationRequest(parameters, { pushed });
    const holder = idTokenHolderAuthentication(parameters);
    const dpopJkt = pushedRequestDpopJkt(request.dpop_jkt, dpopProof?.jkt);
    timeline.setClientId(request.client_id);
    const issuerState = request.issuer_state === undefined ? undefined : await this.issuerState(request.issuer_state);
    // A wallet-initiated request starts its own session now, so its timeline shows every step.
    const sessionId = issuerState?.sessionId ?? randomToken(16);
    timeline.setSession(sessionId);
    if (issuerState?.requireWalletAttestation) requireWalletAttestation(client);
    const draft = this.draftAuthorizationDetails(request.authorization_details, issuerState, timeline);
    const resolved = resolveAuthorization(
      { ...request, ...(draft && { authorization_details: draft.authorizationDetails }), ...(issuerState && { offered: issuerState.credentialConfigurationIds }) },
      [...this.configurations.values()],
    );
    // EBSI v4 wallets send scope openid for the ID Token flow: expected, not unrecognised.
    const ignoredScopes = resolved.ignoredScopes.filter((scope) => !(holder && scope === 'openid'));
    if (ignoredScopes.length > 0) timeline.ignoredParameters(ignoredScopes.map((scope) => `scope ${scope}`), 'OID4VCI 1.0 Section 5.1.2');
    const holderAuthorizationEndpoint = holder && this.holderAuthentication(holder.signals, issuerState, timeline) ? holder.authorizationEndpoint : null;

    if (dpopProof && !(await this.repository.consumeDpopJti(dpopProof.jkt, dpopProof.jti, new Date((this.now() + 300) * 1000)))) throw dpopProofReplayed(dpopProof.jti);
    const requestUri = `${REQUEST_URI_PREFIX}${randomToken(32)}`;
    await this.repository.createAuthorizationRequest({
      requestUriHash: hashSecret(requestUri),
      clientId: request.client_id,
      redirectUri: request.redirect_uri,
      codeChallenge: request.code_challenge,
      state: request.state ?? null,
      credentialConfigurationIds: resolved.credentialConfigurationIds,
      // Drafts knew no credential_identifiers: their wallets name the credential at the credential endpoint as they did here.
      authorizationDetails: draft ? null : (resolved.authorizationDetails ?? null),
      sessionId,
      issuanceId: issuerState?.issuanceId ?? null,
      compatibilityProfile: issuerState?.compatibilityProfile ?? null,
      requireKeyAttestation: issuerState?.requireKeyAttestation ?? false,
      testBehaviours: issuerState?.testBehaviours ?? null,
      dpopJkt: dpopJkt ?? null,
      holderAuthorizationEndpoint,
      nonce: request.nonce ?? null,
      expiresAt: new Date((this.now() + this.config.requestUriTtlSeconds) * 1000),
    });
    timeline.info(pushed ? 'Pushed authorization request stored' : 'Authorization request stored', {
      client_id: request.client_id,
      redirect_uri: request.redirect_uri,
      credential_configuration_ids: resolved.credentialConfigurationIds,
      by: request.authorization_details ? 'authorization_details' : request.scope ? 'scope' : 'issuer_state',
      issuer_state: issuerState ? 'known' : request.issuer_state === undefined ? 'absent' : 'unknown',
      dpop_jkt: dpopJkt ?? null,
      holder_authentication: holderAuthorizationEndpoint === null ? 'login' : 'id_token (EBSI v4)',
    });
    return requestUri;
  }

  /** Draft 11 and 13 authorization_details (format with types, vct, ...), translated under the lenient profile. */
  private draftAuthorizationDetails(details: AuthorizationRequestParameters['authorization_details'], issuerState: { compatibilityProfile: string | null } | undefined, timeline: RequestTimeline) {
    const profile = effectiveProfile(issuerState?.compatibilityProfile, this.config.compatibilityProfile);
    if (details === undefined || !translatesDrafts(profile)) return undefined;
    const translated = translateDraftAuthorizationDetails(details, [...this.configurations.values()]);
    if (translated) timeline.info('Authorization request of a draft translated to OID4VCI 1.0', { compatibility_profile: profile, changes: translated.changes });
    return translated;
  }

  /**
   * EBSI v4 authenticates the holder's DID by an ID Token Request, under the lenient profile and for
   * an offer's issuer_state: the offer holds the claims, so no End-User needs to log in. Otherwise
   * the request gets the login page of OID4VCI 1.0, and the timeline says why.
   */
  private holderAuthentication(signals: string[], issuerState: { compatibilityProfile: string | null } | undefined, timeline: RequestTimeline): boolean {
    const profile = effectiveProfile(issuerState?.compatibilityProfile, this.config.compatibilityProfile);
    const declined = !issuerState
      ? 'without an offer\'s issuer_state there are no claims for the holder\'s DID: the End-User logs in instead'
      : !translatesDrafts(profile)
        ? `the compatibility profile ${profile} answers as OID4VCI 1.0: the End-User logs in instead`
        : undefined;
    if (declined === undefined) {
      timeline.info('Authorization request of EBSI v4: the holder\'s DID will be authenticated by an ID Token Request', { signals, compatibility_profile: profile });
      return true;
    }
    timeline.warn('EBSI v4 holder authentication not used', { signals, reason: declined, help: 'Take the credential offer (issuer_state) of an issuance with the lenient profile to be authenticated by your DID', spec_ref: 'OID4VCI 1.0 Section 5.1.3' });
    return false;
  }

  private async issuerState(value: string) {
    const state = await this.repository.findIssuerState(hashSecret(value));
    if (!state || state.expiresAt.getTime() <= this.now() * 1000) {
      throw invalidRequest({
        reason: state ? `issuer_state expired at ${state.expiresAt.toISOString()}` : 'issuer_state is unknown',
        help: 'Send the issuer_state of a current credential offer, or leave it out to ask for credentials by scope or authorization_details',
        specRef: 'OID4VCI 1.0 Section 5.1.3',
      });
    }
    return state;
  }

  /**
   * RFC 9126 Section 4: the request_uri names an unexpired request of this client that no code was
   * issued for yet; `clientId` null where a sealed state of this server named the request instead.
   */
  private async pending(requestUri: string, clientId: string | undefined | null, timeline: RequestTimeline): Promise<AuthorizationRequestRecord> {
    const record = await this.repository.findAuthorizationRequest(hashSecret(requestUri));
    if (record?.sessionId) timeline.setSession(record.sessionId);
    if (!record || record.codeHash !== null || record.expiresAt.getTime() <= this.now() * 1000) throw this.usedOrExpired(requestUri, record);
    timeline.setClientId(record.clientId);
    if (clientId !== null && clientId !== record.clientId) {
      throw invalidRequest({
        reason: `client_id ${JSON.stringify(clientId ?? null)} is not the client_id ${record.clientId} of the pushed request`,
        help: 'Send the client_id of the pushed authorization request with its request_uri',
        specRef: 'RFC 9126 Section 4',
      });
    }
    return record;
  }

  private usedOrExpired(requestUri: string, record?: AuthorizationRequestRecord | null) {
    const reason = !record ? 'request_uri is unknown' : record.codeHash !== null ? 'request_uri was already used for a completed authorization' : `request_uri expired at ${record.expiresAt.toISOString()}`;
    return invalidRequestUri({
      reason: requestUri.startsWith(REQUEST_URI_PREFIX) ? reason : `request_uri ${JSON.stringify(requestUri)} is not one this server issued`,
      help: 'Push the authorization request again and use the new request_uri at once',
      specRef: 'RFC 9126 Section 4',
    });
  }

  /** OID4VCI 1.0 Section 3.4: no offer; the End-User's own claims feed a new issuance. */
  private async walletInitiatedIssuance(record: AuthorizationRequestRecord, sessionId: string, user: EndUser, timeline: RequestTimeline): Promise<string | { retry: string }> {
    const missing = record.credentialConfigurationIds.filter((id) => user.claims[id] === undefined);
    if (missing.length > 0) {
      timeline.warn('The End-User holds no claims for what the wallet asks', { subject: user.subject, credential_configuration_ids: missing });
      return { retry: `${user.name} holds no data for ${missing.join(', ')}: log in as another user, or deny.` };
    }
    const credentials = record.credentialConfigurationIds.map((id) => ({ credential_configuration_id: id, claims: user.claims[id] as Record<string, unknown> }));
    const command = createEnvelope({ type: commands.createAuthorizedIssuance, version: 1, sessionId, data: { sessionId, subject: user.subject, credentials } });
    const reply = await this.commandBus.request<CreateAuthorizedIssuanceReplyV1>(commands.createAuthorizedIssuance, command, { timeoutMs: 5000 });
    if ('error' in reply) {
      timeline.warn('The End-User\'s claims do not fit what the wallet asks', { subject: user.subject, reason: reply.reason });
      return { retry: `The claims of ${user.name} do not fit: ${reply.reason}` };
    }
    timeline.info('Wallet-initiated issuance created for the End-User', { issuance_id: reply.issuanceId, subject: user.subject });
    return reply.issuanceId;
  }
}
