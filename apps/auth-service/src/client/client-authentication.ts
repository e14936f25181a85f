import type { X509Certificate } from 'node:crypto';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import type { AuthRepository } from '@issuer/data-access-auth';
import { CLOCK, PLATFORM_CONFIG, PLATFORM_SECRETS, readTrustAnchors, type Clock, type PlatformConfig, type PlatformSecrets, type RequestTimeline } from '@issuer/nest';
import {
  attestationChallengeResponse,
  authenticateClient,
  clientAuthenticationMetadata,
  clientProofReplayed,
  resolveDidClientKey,
  sealedAttestationChallengePolicy,
  type AuthenticatedClient,
  type ClientAuthenticationPolicy,
  type FormParameters,
} from '@issuer/protocol-oauth2';
import { AUTH_REPOSITORY } from '../auth-repository.provider.js';

export const WALLET_ATTESTATION_TRUST_ANCHORS = Symbol('WALLET_ATTESTATION_TRUST_ANCHORS');

export const walletAttestationTrustProvider: Provider = {
  provide: WALLET_ATTESTATION_TRUST_ANCHORS,
  inject: [PLATFORM_CONFIG],
  useFactory: (config: PlatformConfig): X509Certificate[] => readTrustAnchors(config.walletAttestationTrustAnchorFiles, 'WALLET_ATTESTATION_TRUST_ANCHORS'),
};

const CHALLENGE_TTL_SECONDS = 300;
export const CHALLENGE_PATH = '/challenge';

export interface ClientAuthenticationCall {
  attestation: string[];
  attestationPop: string[];
  authorization: string[];
  parameters: FormParameters;
  /** The endpoint path the request came to: /token or /par. */
  endpoint: string;
  timeline: RequestTimeline;
}

/** RFC 6749 Section 2.3 at the token and PAR endpoints, as HAIP 1.0 Section 4.4 profiles it. */
@Injectable()
export class ClientAuthentication {
  constructor(
    @Inject(AUTH_REPOSITORY) private readonly repository: AuthRepository,
    @Inject(WALLET_ATTESTATION_TRUST_ANCHORS) private readonly trustAnchors: X509Certificate[],
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PLATFORM_SECRETS) private readonly secrets: PlatformSecrets,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async authenticate(call: ClientAuthenticationCall): Promise<AuthenticatedClient> {
    const now = this.now();
    const client = await authenticateClient(
      { clientAttestation: call.attestation, clientAttestationPop: call.attestationPop, authorization: call.authorization, parameters: call.parameters },
      { ...this.policy(now), endpoint: `${this.config.publicUrl}${call.endpoint}` },
    );
    if (client.method !== 'none' && !(await this.repository.consumeDpopJti(`client:${client.clientId}`, client.replayCheck.jti, new Date(client.replayCheck.expiresAt * 1000)))) {
      throw clientProofReplayed(client);
    }
    call.timeline.setClientId(client.clientId);
    call.timeline.info('Client authenticated', {
      method: client.method,
      client_id: client.clientId ?? null,
      ...(client.method === 'attest_jwt_client_auth' && { wallet_name: client.attestation.walletName ?? null, attester: client.attestation.attester, cnf_jkt: client.attestation.cnfJkt }),
    });
    return client;
  }

  /** RFC 8414 members for the authorization server metadata. */
  metadata() {
    return clientAuthenticationMetadata(this.policy(this.now()), { challengeEndpoint: `${this.config.publicUrl}${CHALLENGE_PATH}` });
  }

  /** draft-ietf-oauth-attestation-based-client-auth Section 8: a fresh challenge for the next Client Attestation PoP. */
  challenge() {
    return attestationChallengeResponse({ secret: this.secrets.nonceSecret, now: this.now(), ttlSeconds: CHALLENGE_TTL_SECONDS });
  }

  private policy(now: number): Omit<ClientAuthenticationPolicy, 'endpoint'> & { endpoint?: string } {
    return {
      methods: this.config.clientAuthMethods,
      requireWalletAttestation: this.config.requireWalletAttestation,
      anonymousPreAuthorizedAccess: !this.config.requireWalletAttestation,
      issuer: this.config.publicUrl,
      now,
      // Challenges are offered, not required: a PoP that carries one must carry a valid one.
      attestation: { trustAnchors: this.trustAnchors, challenge: sealedAttestationChallengePolicy({ secret: this.secrets.nonceSecret, now, ttlSeconds: CHALLENGE_TTL_SECONDS, required: false }) },
      assertion: { resolveKey: resolveDidClientKey },
    };
  }
}
