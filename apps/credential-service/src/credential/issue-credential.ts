import { randomUUID, type X509Certificate } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { commands, createEnvelope, subjects } from '@issuer/contracts-events';
import type { CredentialRepository } from '@issuer/data-access-credential';
import { randomToken, sha256Base64url, type KeyStore } from '@issuer/crypto';
import { formatFor, statusClaim } from '@issuer/formats';
import {
  CLOCK,
  COMMAND_BUS,
  CREDENTIAL_CONFIGURATIONS,
  CredentialEncryption,
  KEY_STORE,
  PLATFORM_CONFIG,
  PLATFORM_SECRETS,
  OutboxRelay,
  ProtectedResource,
  decodeJwtForTimeline,
  type Clock,
  type CommandBus,
  type CredentialConfigurations,
  type PlatformConfig,
  type PlatformSecrets,
  type RequestTimeline,
  currentTraceparent,
} from '@issuer/nest';
import { credentialRequestDenied, invalidProof, invalidToken } from '@issuer/protocol-errors';
import {
  buildCredentialResponse,
  checkCNonce,
  createCNonce,
  effectiveProfile,
  parseCredentialRequest,
  parseProofs,
  toDraftCredentialResponse,
  translateDraftCredentialRequest,
  translatesDrafts,
  verifyAttestationProof,
  verifyJwtProofs,
  type CredentialConfiguration,
  type VerifyJwtProofOptions,
} from '@issuer/protocol-oid4vci';
import { CREDENTIAL_OUTBOX, CREDENTIAL_REPOSITORY } from '../credential-repository.provider.js';
import { KEY_ATTESTATION_TRUST_ANCHORS } from './key-attestation-trust.js';
import { FORMATS_WITH_STATUS, statusListTemplate } from '../status/status-list-template.js';

export interface CredentialCall {
  body: unknown;
  authorization: string[];
  dpop: string[];
  accessTokenInQuery: boolean;
  timeline: RequestTimeline;
}

type ClaimsReply = { issuanceId: string; credentials: Array<{ credential_configuration_id: string; claims: Record<string, unknown> }> } | { error: 'not_found' };

// OID4VCI 1.0 Section 13 (privacy): the credentials of one batch, and of everyone issued within the
// same hour, carry the same time claims, so that those do not link them. Not mdocs: ISO 18013-5
// makes the MSO's `signed` the time of signing, inside the document signer certificate's validity.
const ISSUANCE_TIME_GRANULARITY_SECONDS = 3600;

function issuanceTime(format: string, now: number): number {
  return format === 'mso_mdoc' ? now : now - (now % ISSUANCE_TIME_GRANULARITY_SECONDS);
}

/** OID4VCI 1.0 Section 8: token, DPoP, request, key proofs checked; then claims fetched and credentials signed. */
@Injectable()
export class IssueCredential {
  constructor(
    private readonly protectedResource: ProtectedResource,
    @Inject(CREDENTIAL_REPOSITORY) private readonly repository: CredentialRepository,
    @Inject(CREDENTIAL_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(COMMAND_BUS) private readonly commandBus: CommandBus,
    @Inject(CREDENTIAL_CONFIGURATIONS) private readonly configurations: CredentialConfigurations,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly encryption: CredentialEncryption,
    @Inject(KEY_ATTESTATION_TRUST_ANCHORS) private readonly keyAttestationTrust: X509Certificate[],
  ) {}

  async execute(call: CredentialCall) {
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

    const opened = await this.encryption.open(call.body, timeline);
    const configurations = [...this.configurations.values()];
    const profile = effectiveProfile(token.compatibility_profile, this.config.compatibilityProfile);
    const translation = translatesDrafts(profile) ? translateDraftCredentialRequest(opened.body, configurations) : undefined;
    if (translation) timeline.info(`Credential request of ${translation.dialect} translated to OID4VCI 1.0`, { compatibility_profile: profile, changes: translation.changes });
    const request = parseCredentialRequest(translation?.request ?? opened.body, {
      tokenCredentialConfigurationIds: token.credential_configuration_ids,
      knownConfigurationIds: [...this.configurations.keys()],
      credentialIdentifiers: {},
      configurations,
    });
    timeline.dialect = translation?.dialect ?? request.dialect;
    await this.encryption.check(request.credentialResponseEncryption, opened.encrypted);
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
            ...this.keyAttestationPolicy(configuration),
          });
    timeline.debug('Key proofs validated', { holder_jkts: holders.map((holder) => holder.jkt) });

    const claims = await this.claimsFor(token.sid, configuration.id);
    const signingKey = await this.keys.signingKey('credential');
    const format = formatFor(configuration.format);
    const credentialIds = holders.map(() => randomUUID());
    const statuses = FORMATS_WITH_STATUS.has(configuration.format)
      ? await this.repository.allocateCredentialStatus(credentialIds, statusListTemplate(this.config.publicUrl))
      : [];
    const issued = await Promise.all(
      holders.map((holder, index) => {
        const entry = statuses[index];
        return format.issue({
          configuration,
          claims: claims.claims,
          holderJwk: holder.holderJwk,
          issuer: this.config.publicUrl,
          signingKey,
          now: issuanceTime(configuration.format, now),
          ...(entry && { status: statusClaim(entry.idx, entry.uri) }),
        });
      }),
    );

    const notificationId = randomToken(16);
    const event = createEnvelope({
      traceparent: currentTraceparent(),
      type: subjects.credentialIssued,
      version: 1,
      sessionId: token.sid,
      data: { issuanceId: claims.issuanceId, credentialConfigurationId: configuration.id, format: configuration.format, count: issued.length, notificationId },
    });
    const events = [{ subject: event.type, envelope: event }];
    const recorded = await this.repository.recordIssued(
      holders.map((holder, index) => ({
        id: credentialIds[index],
        sessionId: token.sid,
        issuanceId: claims.issuanceId,
        credentialConfigurationId: configuration.id,
        format: configuration.format,
        notificationId,
        holderJkt: holder.jkt,
        // One attestation proof covers several keys: each key's credential is recorded against it.
        proofHash: sha256Base64url(proofType === 'attestation' ? `${proofJwts[0]}#${holder.jkt}` : (proofJwts[index] as string)),
      })),
      events,
    );
    if (!recorded.ok) {
      throw invalidProof({
        reason: 'This key proof was already used for an issued credential.',
        help: 'Fetch a fresh c_nonce from the nonce endpoint and sign a new key proof for every credential request.',
        specRef: 'OID4VCI 1.0 Section 13.8',
      });
    }
    void this.outbox.publishCommitted(events);
    timeline.info('Credential issued', { credential_configuration_id: configuration.id, format: configuration.format, count: issued.length, notification_id: notificationId });
    const response = buildCredentialResponse({ credentials: issued.map((item) => item.credential), notificationId });
    if (!translation) return this.encryption.seal(response, request.credentialResponseEncryption);
    const cNonce = createCNonce({ secret: this.secrets.nonceSecret, now, ttlSeconds: this.config.cNonceTtlSeconds });
    return toDraftCredentialResponse(response, translation.dialect, { format: configuration.format, cNonce, cNonceExpiresIn: this.config.cNonceTtlSeconds });
  }

  private keyAttestationPolicy(configuration: CredentialConfiguration): Pick<VerifyJwtProofOptions, 'keyAttestation'> {
    const required = configuration.proof_types_supported?.jwt?.key_attestations_required;
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

  private async claimsFor(sessionId: string, configurationId: string) {
    const command = createEnvelope({ type: commands.getCredentialClaims, version: 1, sessionId, data: { sessionId } });
    const reply = await this.commandBus.request<ClaimsReply>(commands.getCredentialClaims, command, { timeoutMs: 5000 });
    const entry = 'error' in reply ? undefined : reply.credentials.find((credential) => credential.credential_configuration_id === configurationId);
    if ('error' in reply || !entry) {
      throw credentialRequestDenied({
        reason: `The issuance of this session has no claims for ${configurationId}.`,
        help: 'Request a credential configuration that the credential offer listed.',
        specRef: 'OID4VCI 1.0 Section 8.3.1.2',
      });
    }
    return { issuanceId: reply.issuanceId, claims: entry.claims };
  }
}
