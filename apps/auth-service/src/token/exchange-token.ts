import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope, readTestBehaviours, subjects, type TestBehaviours } from '@issuer/contracts-events';
import type { AuthRepository } from '@issuer/data-access-auth';
import {
  CLOCK,
  KEY_STORE,
  PLATFORM_CONFIG,
  PLATFORM_SECRETS,
  type Clock,
  type PlatformConfig,
  type PlatformSecrets,
  type RequestTimeline,
  OutboxRelay,
  currentTraceparent,
  dpopNonceSettings,
  decodeJwtForTimeline,
} from '@issuer/nest';
import {
  createCNonce,
  draftTokenRequestRefused,
  effectiveProfile,
  translateDraftTokenRequest,
  translatesDrafts,
  withCredentialIdentifiers,
  type DraftTokenRequestTranslation,
  type TokenRequestForm,
} from '@issuer/protocol-oid4vci';
import type { KeyStore, SigningKey } from '@issuer/crypto';
import { invalidGrant, invalidRequest, isProtocolError } from '@issuer/protocol-errors';
import {
  checkDpopProofNonce,
  checkPreAuthorizedCode,
  createTokenResponse,
  dpopProofReplayed,
  hashSecret,
  issueAccessToken,
  issueIdToken,
  parseTokenRequest,
  requireWalletAttestation,
  PRE_AUTHORIZED_CODE_GRANT_TYPE,
  REFRESH_TOKEN_GRANT_TYPE,
  verifyDpopProof,
  type VerifiedDpopProof,
  type PreAuthorizedCodeTokenRequest,
  type TokenRequest,
} from '@issuer/protocol-oauth2';
import { AUTH_OUTBOX, AUTH_REPOSITORY } from '../auth-repository.provider.js';
import { ClientAuthentication } from '../client/client-authentication.js';
import { AuthorizationCodeGrant } from './authorization-code-grant.js';
import type { Authenticate, Grant } from './grant.js';
import { RefreshTokenGrant } from './refresh-token-grant.js';

export interface TokenExchange {
  form: unknown;
  dpop: string[];
  /** OAuth-Client-Attestation and -PoP header values, Authorization header values. */
  clientAttestation: string[];
  clientAttestationPop: string[];
  authorization: string[];
  timeline: RequestTimeline;
}

/** OID4VCI 1.0 Section 6: exchanges a pre-authorized code (and tx_code), an authorization code or a refresh token for an access token. */
@Injectable()
export class ExchangeToken {
  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(AUTH_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly clients: ClientAuthentication,
    private readonly authorizationCodes: AuthorizationCodeGrant,
    private readonly refreshTokens: RefreshTokenGrant,
  ) {}

  async execute({ form, dpop, clientAttestation, clientAttestationPop, authorization, timeline }: TokenExchange) {
    if (typeof form !== 'object' || form === null) {
      throw invalidRequest({
        reason: 'The token request has no form-encoded body.',
        help: 'POST the parameters as application/x-www-form-urlencoded.',
        specRef: 'RFC 6749 Section 4.1.3',
      });
    }
    const draft = translateDraftTokenRequest(form as TokenRequestForm);
    const request = parseTokenRequest(draft.form);
    timeline.setClientId(request.client_id);
    timeline.info(`Token request received (${request.grant_type})`, {
      grant_type: request.grant_type,
      client_id: request.client_id ?? null,
      dpop_present: dpop.length > 0,
      tx_code_present: request.grant_type === PRE_AUTHORIZED_CODE_GRANT_TYPE ? request.tx_code !== undefined : false,
    });

    const now = this.now();
    const checked: { proof: VerifiedDpopProof | null } = { proof: null };
    const authenticate: Authenticate = async (testBehaviours = {}) => {
      checked.proof = this.dpopProof(dpop, now, timeline, testBehaviours);
      const client = await this.clients.authenticate({ attestation: clientAttestation, attestationPop: clientAttestationPop, authorization, parameters: request.parameters, endpoint: '/token', timeline });
      return { client, dpopJkt: checked.proof?.jkt };
    };

    const grant = await this.decide(request, draft, authenticate, now, timeline);
    const { proof } = checked;

    if (proof && !(await this.repository.consumeDpopJti(proof.jkt, proof.jti, new Date((now + 300) * 1000)))) {
      throw dpopProofReplayed(proof.jti);
    }

    // token.issued announces what a code started; a refresh continues it, and its timeline says so.
    const events = request.grant_type === REFRESH_TOKEN_GRANT_TYPE ? [] : [tokenIssued(grant, request.grant_type, proof !== null)];
    const { refreshToken } = await grant.consume(new Date(now * 1000), events);
    void this.outbox.publishCommitted(events);

    const authorizationDetails = grant.authorizationDetails && withCredentialIdentifiers(grant.authorizationDetails);
    const key = await this.keys.signingKey('access_token');
    const token = issueAccessToken(
      {
        iss: this.config.publicUrl,
        aud: this.config.publicUrl,
        sub: grant.sessionId,
        sid: grant.sessionId,
        client_id: grant.clientId,
        cnf: proof ? { jkt: proof.jkt } : undefined,
        credential_configuration_ids: grant.credentialConfigurationIds,
        ...(authorizationDetails && { authorization_details: authorizationDetails }),
        ...(grant.compatibilityProfile && { compatibility_profile: grant.compatibilityProfile }),
        ...(grant.requireKeyAttestation && { key_attestation_required: true }),
        ...(grant.testBehaviours && { test_behaviours: grant.testBehaviours }),
        expiresIn: this.config.accessTokenTtlSeconds,
        now,
      },
      key,
    );
    timeline.info('Access token issued', {
      // Header and claims only: without its signature the token cannot be used.
      decoded_access_token: decodeJwtForTimeline(token.access_token),
      token_type: token.token_type,
      expires_in: token.expires_in,
      dpop_bound: proof !== null,
      credential_configuration_ids: grant.credentialConfigurationIds,
      ...(authorizationDetails && { authorization_details: authorizationDetails }),
    });
    // OID4VCI 1.0 Section 6.2: authorization_details with credential_identifiers when the wallet asked with them.
    const response = {
      ...createTokenResponse(token, { ...(refreshToken !== undefined && { refresh_token: refreshToken }) }),
      ...(authorizationDetails && { authorization_details: authorizationDetails }),
    };
    const profile = effectiveProfile(grant.compatibilityProfile, this.config.compatibilityProfile);
    if (!translatesDrafts(profile)) return response;
    // Drafts 11 to 13 returned the first c_nonce with the token; 1.0 wallets ignore the extra members.
    const cNonce = createCNonce({ secret: this.secrets.nonceSecret, now, ttlSeconds: this.config.cNonceTtlSeconds });
    return { ...response, ...(grant.holder && { id_token: this.idToken(grant.holder, grant.clientId, now, key, timeline) }), c_nonce: cNonce, c_nonce_expires_in: this.config.cNonceTtlSeconds };
  }

  /** EBSI v4's token response carries an id_token naming the DID the holder authenticated with. */
  private idToken(holder: NonNullable<Grant['holder']>, clientId: string | undefined, now: number, key: SigningKey, timeline: RequestTimeline): string {
    const audience = clientId ?? holder.did;
    const idToken = issueIdToken({ issuer: this.config.publicUrl, subject: holder.did, audience, nonce: holder.nonce, now, expiresIn: this.config.accessTokenTtlSeconds }, key);
    timeline.info('ID Token issued with the token response (EBSI v4)', { sub: holder.did, aud: audience, nonce_present: holder.nonce !== null });
    return idToken;
  }

  /** RFC 9449 Section 4.3 at the authorization server: the proof when one came or one is required. */
  private dpopProof(dpop: string[], now: number, timeline: RequestTimeline, testBehaviours: TestBehaviours): VerifiedDpopProof | null {
    // RFC 9449 Section 8: the use_dpop_nonce test behaviour demands nonces for one issuance as DPOP_NONCE does for all.
    const demandsNonce = testBehaviours.use_dpop_nonce === true && !this.config.dpopNonce;
    if (dpop.length === 0 && !this.config.requireDpop && !this.config.dpopNonce && !demandsNonce) return null;
    try {
      const proof = verifyDpopProof({ proofs: dpop, htm: 'POST', htu: `${this.config.publicUrl}/token`, now });
      const nonceChecks = checkDpopProofNonce(proof, dpopNonceSettings({ ...this.config, dpopNonce: this.config.dpopNonce || demandsNonce }, this.secrets), { now, server: 'authorization_server' });
      timeline.debug('DPoP proof validated', { dpop_jkt: proof.jkt, jti: proof.jti, checks: [...proof.checks, ...nonceChecks] });
      return proof;
    } catch (error) {
      if (demandsNonce && (dpop.length === 0 || (isProtocolError(error) && error.error === 'use_dpop_nonce'))) {
        timeline.testBehaviourApplied({
          behaviour: 'use_dpop_nonce',
          reason: dpop.length === 0 ? 'This issuance demands a DPoP proof with a server-provided nonce at the token endpoint; the request has no DPoP proof.' : 'This issuance demands a server-provided nonce in the DPoP proof of the token request.',
          help: 'Send a DPoP proof, and when the answer is use_dpop_nonce, retry with a new proof whose nonce claim is the DPoP-Nonce response header.',
          spec_ref: 'RFC 9449 Section 8',
        });
      }
      throw error;
    }
  }

  private decide(request: TokenRequest, draft: DraftTokenRequestTranslation, authenticate: Authenticate, now: number, timeline: RequestTimeline): Promise<Grant> {
    switch (request.grant_type) {
      case PRE_AUTHORIZED_CODE_GRANT_TYPE:
        return this.preAuthorizedCode(request, draft, authenticate, now, timeline);
      case REFRESH_TOKEN_GRANT_TYPE:
        return this.refreshTokens.decide(request, authenticate, now, timeline);
      default:
        return this.authorizationCodes.decide(request, authenticate, now, timeline);
    }
  }

  /** OID4VCI 1.0 Section 6.1 with the pre-authorized code (and tx_code). */
  private async preAuthorizedCode(request: PreAuthorizedCodeTokenRequest, draft: DraftTokenRequestTranslation, authenticate: Authenticate, now: number, timeline: RequestTimeline): Promise<Grant> {
    const codeHash = hashSecret(request['pre-authorized_code']);
    const record = await this.repository.findPreAuthorizedCode(codeHash);
    if (record) timeline.setSession(record.sessionId);
    const testBehaviours = readTestBehaviours(record?.testBehaviours);
    const { client } = await authenticate(testBehaviours);
    if (record?.requireWalletAttestation) requireWalletAttestation(client);
    const profile = effectiveProfile(record?.compatibilityProfile, this.config.compatibilityProfile);
    if (draft.changes.length > 0) {
      if (!translatesDrafts(profile)) throw draftTokenRequestRefused();
      timeline.info('Token request of draft 11 translated to OID4VCI 1.0', { compatibility_profile: profile, changes: draft.changes });
    }
    const decision = checkPreAuthorizedCode(record, request, now);
    if (!decision.ok) {
      if (record && testBehaviours.pre_authorized_code_expires_in !== undefined && record.expiresAt.getTime() <= now * 1000) {
        timeline.testBehaviourApplied({
          behaviour: 'pre_authorized_code_expires_in',
          reason: `This issuance's pre-authorized code expired ${testBehaviours.pre_authorized_code_expires_in} s after the offer was created, at ${record.expiresAt.toISOString()}.`,
          help: 'Ask the issuer for a new credential offer; a wallet should say that the offer expired.',
          spec_ref: 'OID4VCI 1.0 Section 6.3',
        });
      }
      if (decision.countsAsTxCodeAttempt) {
        const attempts = await this.repository.recordTxCodeFailure(codeHash);
        timeline.warn('Wrong tx_code', { attempts, max_attempts: record?.maxTxCodeAttempts });
      }
      throw decision.error;
    }
    if (!record) throw invalidGrant({ reason: 'The pre-authorized code is unknown or expired.', help: 'Scan a new credential offer.', specRef: 'OID4VCI 1.0 Section 6.3' });
    return {
      sessionId: record.sessionId,
      issuanceId: record.issuanceId,
      clientId: client.clientId,
      credentialConfigurationIds: record.credentialConfigurationIds,
      compatibilityProfile: record.compatibilityProfile ?? undefined,
      requireKeyAttestation: record.requireKeyAttestation ?? false,
      ...(record.testBehaviours && { testBehaviours }),
      consume: async (at, events) => {
        if (!(await this.repository.consumePreAuthorizedCode(codeHash, at, events))) {
          throw invalidGrant({ reason: 'The pre-authorized code was already used.', help: 'A pre-authorized code is single-use: scan a new credential offer.', specRef: 'OID4VCI 1.0 Section 6.3' });
        }
        // OID4VCI 1.0 needs no refresh token for a pre-authorized code: a new offer starts a new issuance.
        return {};
      },
    };
  }
}

function tokenIssued(grant: Grant, grantType: Exclude<TokenRequest['grant_type'], typeof REFRESH_TOKEN_GRANT_TYPE>, dpopBound: boolean) {
  const envelope = createEnvelope({
    traceparent: currentTraceparent(),
    type: subjects.tokenIssued,
    version: 1,
    sessionId: grant.sessionId,
    data: { issuanceId: grant.issuanceId, grantType, credentialConfigurationIds: grant.credentialConfigurationIds, dpopBound, clientId: grant.clientId },
  });
  return { subject: envelope.type, envelope };
}
