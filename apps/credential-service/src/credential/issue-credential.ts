import type { X509Certificate } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { readTestBehaviours, type TestBehaviours } from '@issuer/contracts-events';
import { sha256Base64url } from '@issuer/crypto';
import { describeIssuedCredential } from '@issuer/formats';
import {
  CLOCK,
  CREDENTIAL_CONFIGURATIONS,
  CredentialEncryption,
  PLATFORM_CONFIG,
  PLATFORM_SECRETS,
  ProtectedResource,
  decodeJwtForTimeline,
  readableBody,
  type Clock,
  type CredentialConfigurations,
  type EncryptedCredentialResponse,
  type PlatformConfig,
  type PlatformSecrets,
  type RequestTimeline,
} from '@issuer/nest';
import type { AccessTokenClaims } from '@issuer/protocol-oauth2';
import { credentialRequestDenied, invalidCredentialRequest, invalidProof, invalidToken, isProtocolError, type ProtocolError } from '@issuer/protocol-errors';
import {
  buildCredentialResponse,
  buildDeferredIssuanceResponse,
  checkCNonce,
  createCNonce,
  credentialIdentifiersOf,
  effectiveProfile,
  parseCredentialRequest,
  parseProofs,
  toDraftCredentialError,
  toDraftCredentialResponse,
  translateDraftCredentialRequest,
  translatesDrafts,
  verifyAttestationProof,
  verifyJwtProofs,
  type CredentialConfiguration,
  type CredentialRequestDialect,
  type DraftCredentialRequestTranslation,
  type DraftNonce,
  type VerifyJwtProofOptions,
} from '@issuer/protocol-oid4vci';
import { CredentialClaims, type ClaimsForCredential } from './credential-claims.js';
import { batchInOrder, checkEncryptionBehaviours, holdersToIssue, RejectFirstProof } from './credential-test-behaviours.js';
import { DeferCredential } from './defer-credential.js';
import { KEY_ATTESTATION_TRUST_ANCHORS } from './key-attestation-trust.js';
import { keyProofUsedBefore, SignCredentials, type HolderKey } from './sign-credentials.js';

export interface CredentialCall {
  body: unknown;
  authorization: string[];
  dpop: string[];
  accessTokenInQuery: boolean;
  timeline: RequestTimeline;
}

interface IssueStep {
  body: unknown;
  encrypted: boolean;
  token: AccessTokenClaims;
  now: number;
  timeline: RequestTimeline;
  translation?: DraftCredentialRequestTranslation;
}

/** OID4VCI 1.0 Section 8.3: 200 with the credentials, or 202 with a transaction_id; either may be encrypted. */
export interface CredentialEndpointResponse {
  status: 200 | 202;
  body: object | EncryptedCredentialResponse;
}

/**
 * OID4VCI 1.0 Section 8: token, DPoP, request, key proofs checked; then claims fetched and
 * credentials signed (200), or, while a deferred issuance awaits its claims, a transaction_id (202).
 */
@Injectable()
export class IssueCredential {
  constructor(
    private readonly protectedResource: ProtectedResource,
    private readonly credentialClaims: CredentialClaims,
    private readonly signCredentials: SignCredentials,
    private readonly deferCredential: DeferCredential,
    private readonly rejectFirstProof: RejectFirstProof,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly encryption: CredentialEncryption,
    @Inject(KEY_ATTESTATION_TRUST_ANCHORS) private readonly keyAttestationTrust: X509Certificate[],
  ) {}

  async execute(call: CredentialCall): Promise<CredentialEndpointResponse> {
    const { timeline } = call;
    const now = this.now();
    if (call.accessTokenInQuery) {
      // NEGATIVE-TESTS C3: RFC 9449 and OID4VCI only accept the token in the Authorization header.
      throw invalidToken({
        reason: 'The access token was sent in the query string.',
        help: 'Send the access token in the Authorization header (DPoP or Bearer scheme).',
        specRef: 'RFC 6750 Section 2.3',
        headers: { 'WWW-Authenticate': 'DPoP error="invalid_token", Bearer error="invalid_token"' },
      });
    }
    const token = await this.protectedResource.authenticate({
      authorization: call.authorization,
      dpop: call.dpop,
      htm: 'POST',
      htu: `${this.config.publicUrl}/credential`,
      now,
      timeline,
    });

    const body = readableBody(call.body, invalidCredentialRequest, { help: 'Send the request as a JSON object with Content-Type application/json, or encrypted as application/jwt', specRef: 'OID4VCI 1.0 Section 8.2' });
    const opened = await this.encryption.open(body, timeline);
    const profile = effectiveProfile(token.compatibility_profile, this.config.compatibilityProfile);
    const translation = translatesDrafts(profile) ? translateDraftCredentialRequest(opened.body, [...this.configurations.values()]) : undefined;
    if (translation) timeline.info(`Credential request of ${translation.dialect} translated to OID4VCI 1.0`, { compatibility_profile: profile, changes: translation.changes });
    if (!translation) return this.issue({ body: opened.body, encrypted: opened.encrypted, token, now, timeline });
    try {
      return await this.issue({ body: translation.request, encrypted: opened.encrypted, token, now, timeline, translation });
    } catch (error) {
      throw isProtocolError(error) ? this.inDraftShape(error, translation.dialect, now, timeline) : error;
    }
  }

  private async issue({ body, encrypted, token, now, timeline, translation }: IssueStep): Promise<CredentialEndpointResponse> {
    const request = parseCredentialRequest(body, {
      tokenCredentialConfigurationIds: token.credential_configuration_ids,
      knownConfigurationIds: [...this.configurations.keys()],
      credentialIdentifiers: credentialIdentifiersOf(token.authorization_details),
      configurations: [...this.configurations.values()],
    });
    timeline.dialect = translation?.dialect ?? request.dialect;
    if (!translation) timeline.ignoredParameters(request.unknownMembers, 'OID4VCI 1.0 Section 8.2');
    const behaviours = readTestBehaviours(token.test_behaviours);
    checkEncryptionBehaviours(behaviours, { encrypted, responseEncryption: request.credentialResponseEncryption !== undefined }, timeline);
    await this.encryption.check(request.credentialResponseEncryption, encrypted);
    const configuration = this.configurations.get(request.credentialConfigurationId) as CredentialConfiguration;
    const { proofType, proofs: proofJwts } = this.proofsOf(request.proofs, configuration);
    timeline.debug('Credential request parsed', { credential_configuration_id: configuration.id, proof_type: proofType, proofs: proofJwts.map(decodeJwtForTimeline) });

    const nonce = { required: true, check: (value: string) => checkCNonce(value, { secret: this.secrets.nonceSecret, now }) };
    const holders =
      proofType === 'attestation'
        ? verifyAttestationProof(proofJwts[0] as string, {
            trustAnchors: this.keyAttestationTrust,
            allowedAlgs: configuration.proof_types_supported?.attestation?.proof_signing_alg_values_supported ?? ['ES256'],
            now,
            nonce,
            batchSize: this.config.batchSize,
            ...(configuration.proof_types_supported?.attestation?.key_attestations_required && { required: configuration.proof_types_supported.attestation.key_attestations_required }),
          })
        : verifyJwtProofs(proofJwts, {
            credentialIssuer: this.config.publicUrl,
            allowedAlgs: configuration.proof_types_supported?.jwt?.proof_signing_alg_values_supported ?? ['ES256'],
            now,
            iatWindowSeconds: 300,
            nonce,
            clientId: token.client_id,
            anonymous: !token.client_id,
            ...(configuration.cryptographic_binding_methods_supported && { bindingMethods: configuration.cryptographic_binding_methods_supported }),
            ...this.keyAttestationPolicy(configuration, token.key_attestation_required === true),
          });
    timeline.debug('Key proofs validated', {
      holder_jkts: holders.map((holder) => holder.jkt),
      ...(proofType === 'jwt' && { checks: holders.map((holder) => ('checks' in holder ? holder.checks : [])) }),
    });
    await this.rejectFirstProof.check(behaviours, token.sid, timeline);
    // One attestation proof covers several keys: each key's credential is recorded against it.
    const proofKeys: HolderKey[] = holders.map((holder, index) => ({
      holderJwk: holder.holderJwk,
      jkt: holder.jkt,
      proofHash: sha256Base64url(proofType === 'attestation' ? `${proofJwts[0]}#${holder.jkt}` : (proofJwts[index] as string)),
    }));
    const holderKeys = holdersToIssue(behaviours, proofKeys, timeline);

    const claims = await this.claimsFor(token.sid, configuration.id);
    if (claims.kind === 'awaiting' || behaviours.deferred_ready_after !== undefined) {
      const readyAt = claims.kind === 'claims' ? this.readyAt(behaviours, now, timeline) : undefined;
      const { transactionId, interval } = await this.deferCredential.execute({ sessionId: token.sid, issuanceId: claims.issuanceId, credentialConfigurationId: configuration.id, holders: holderKeys, readyAt });
      timeline.info(readyAt ? 'Credential deferred by the deferred_ready_after test behaviour' : 'Credential deferred: the issuer has not supplied its claims yet', {
        credential_configuration_id: configuration.id,
        transaction_id: transactionId,
        interval,
        count: holderKeys.length,
        ...(readyAt && { ready_at: readyAt }),
      });
      return { status: 202, body: await this.encryption.seal(buildDeferredIssuanceResponse({ transactionId, interval }), request.credentialResponseEncryption) };
    }

    const signed = await this.signCredentials.execute({ sessionId: token.sid, issuanceId: claims.issuanceId, configuration, claims: claims.claims, holders: holderKeys, now });
    if (!signed.ok) throw keyProofUsedBefore();
    timeline.info('Credential issued', {
      credential_configuration_id: configuration.id,
      format: configuration.format,
      count: signed.credentials.length,
      notification_id: signed.notificationId,
      credentials: signed.credentials.map(describeIssuedCredential),
    });
    const response = buildCredentialResponse({ credentials: batchInOrder(behaviours, signed.credentials, timeline), notificationId: signed.notificationId });
    if (!translation) return { status: 200, body: await this.encryption.seal(response, request.credentialResponseEncryption) };
    return { status: 200, body: toDraftCredentialResponse(response, translation.dialect, { format: configuration.format, ...this.draftNonce(now) }) };
  }

  /** OID4VCI 1.0 Section 9: when the deferred_ready_after test behaviour lets the deferred credential endpoint deliver. */
  private readyAt(behaviours: TestBehaviours, now: number, timeline: RequestTimeline): string | undefined {
    const seconds = behaviours.deferred_ready_after;
    if (seconds === undefined) return undefined;
    timeline.testBehaviourApplied({
      behaviour: 'deferred_ready_after',
      reason: `This issuance defers its credentials, though their claims are known, and lets them be collected ${seconds} s from now.`,
      help: 'Keep the transaction_id and poll the deferred credential endpoint no more often than interval seconds; a 202 with the same transaction_id means: ask again later.',
      spec_ref: 'OID4VCI 1.0 Section 9',
    });
    return new Date((now + seconds) * 1000).toISOString();
  }

  /** Drafts 11 and 13 had no nonce endpoint: their responses, errors included, hand out the next c_nonce. */
  private draftNonce(now: number): DraftNonce {
    return { cNonce: createCNonce({ secret: this.secrets.nonceSecret, now, ttlSeconds: this.config.cNonceTtlSeconds }), cNonceExpiresIn: this.config.cNonceTtlSeconds };
  }

  private inDraftShape(error: ProtocolError, dialect: CredentialRequestDialect, now: number, timeline: RequestTimeline): ProtocolError {
    const draft = toDraftCredentialError(error, dialect, () => this.draftNonce(now));
    if (draft !== error) timeline.info(`Error answered as ${dialect} defined it`, { error: error.error, answered: draft.error, c_nonce_included: 'c_nonce' in draft.members });
    return draft;
  }

  /** The configuration's key_attestations_required, or none in particular when only the issuance's require_key_attestation asks. */
  private keyAttestationPolicy(configuration: CredentialConfiguration, issuanceRequires: boolean): Pick<VerifyJwtProofOptions, 'keyAttestation'> {
    const required = configuration.proof_types_supported?.jwt?.key_attestations_required ?? (issuanceRequires ? {} : undefined);
    if (this.keyAttestationTrust.length === 0 && required === undefined) return {};
    return { keyAttestation: { trustAnchors: this.keyAttestationTrust, ...(required && { required }) } };
  }

  private proofsOf(proofs: unknown, configuration: CredentialConfiguration): { proofType: string; proofs: string[] } {
    const parsed = parseProofs(proofs, { proofTypesSupported: Object.keys(configuration.proof_types_supported ?? { jwt: {} }), batchSize: this.config.batchSize });
    // OID4VCI 1.0 Section 8.2: a configuration that binds to a key requires proofs (NEGATIVE-TESTS C5).
    if (!parsed) {
      throw invalidProof({
        reason: 'The credential request carries no key proof.',
        help: 'Get a c_nonce from the nonce endpoint and send proofs: { "jwt": ["<openid4vci-proof+jwt>"] }.',
        specRef: 'OID4VCI 1.0 Section 8.2',
      });
    }
    return parsed;
  }

  private async claimsFor(sessionId: string, configurationId: string): Promise<Exclude<ClaimsForCredential, { kind: 'denied' | 'unknown' }>> {
    const claims = await this.credentialClaims.fetch(sessionId, configurationId);
    if (claims.kind === 'denied') {
      throw credentialRequestDenied({
        reason: `The issuer denied this issuance: ${claims.reason}`,
        help: 'The credential will not be issued; stop requesting it (contact the issuer).',
        specRef: 'OID4VCI 1.0 Section 8.3.1.2',
      });
    }
    if (claims.kind === 'unknown') {
      throw credentialRequestDenied({
        reason: `The issuance of this session has no claims for ${configurationId}.`,
        help: 'Request a credential configuration that the credential offer listed.',
        specRef: 'OID4VCI 1.0 Section 8.3.1.2',
      });
    }
    return claims;
  }
}
