import type { X509Certificate } from 'node:crypto';
import { PRE_AUTHORIZED_CODE_GRANT_TYPE, type FormParameters } from '../token-request/index.js';
import type { AttestationChallengePolicy } from './attestation-challenge.js';
import { ATTEST_JWT_CLIENT_AUTH, NO_CLIENT_AUTHENTICATION, PRIVATE_KEY_JWT, type ClientAuthenticationMethod } from './client-authentication-method.js';
import { refuseClient } from './client-jwt.js';
import { verifyClientAssertion, type ClientKeyResolver, type VerifiedClientAssertion } from './verify-client-assertion.js';
import { verifyClientAttestation, type VerifiedClientAttestation } from './verify-client-attestation.js';

/** The parts of a token or PAR request that carry client authentication. */
export interface ClientAuthenticationRequest {
  /** Every OAuth-Client-Attestation header value. */
  clientAttestation: readonly string[];
  /** Every OAuth-Client-Attestation-PoP header value. */
  clientAttestationPop: readonly string[];
  /** Every Authorization header value; Basic credentials would be client_secret_basic. */
  authorization?: readonly string[];
  /** The form parameters of the request, as `readFormParameters` returns them. */
  parameters: FormParameters;
}

export interface ClientAuthenticationPolicy {
  /** The methods this authorization server accepts, as its metadata lists them. */
  methods: readonly ClientAuthenticationMethod[];
  /** HAIP 1.0 Section 4.4.1: "Issuers MUST require" Wallet Attestation; when set, it is the only method accepted. */
  requireWalletAttestation?: boolean;
  /** OID4VCI 1.0 Section 12.3: `pre-authorized_grant_anonymous_access_supported`, a pre-authorized code without client_id. */
  anonymousPreAuthorizedAccess?: boolean;
  /** The RFC 8414 issuer identifier of this authorization server. */
  issuer: string;
  /** The URL of the endpoint the request was sent to (token or PAR endpoint). */
  endpoint: string;
  /** Epoch seconds. */
  now: number;
  clockSkewSeconds?: number;
  /** Needed when `attest_jwt_client_auth` is accepted. */
  attestation?: {
    trustAnchors: readonly X509Certificate[];
    challenge?: AttestationChallengePolicy;
    allowedAlgs?: readonly string[];
    popMaxAgeSeconds?: number;
  };
  /** Needed when `private_key_jwt` is accepted. */
  assertion?: {
    resolveKey: ClientKeyResolver;
    allowedAlgs?: readonly string[];
    maxLifetimeSeconds?: number;
  };
}

/** A client proof the caller must accept once: refuse the request when `jti` was seen before `expiresAt`. */
export interface ClientReplayCheck {
  jti: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export type AuthenticatedClient =
  | { method: typeof ATTEST_JWT_CLIENT_AUTH; clientId: string; attestation: VerifiedClientAttestation; replayCheck: ClientReplayCheck }
  | { method: typeof PRIVATE_KEY_JWT; clientId: string; assertion: VerifiedClientAssertion; replayCheck: ClientReplayCheck }
  /** A public client; clientId is undefined only for an anonymous pre-authorized code request. */
  | { method: typeof NO_CLIENT_AUTHENTICATION; clientId: string | undefined };

/** RFC 8414 Section 2: what `token_endpoint_auth_methods_supported` lists for this policy. */
export function tokenEndpointAuthMethodsSupported(policy: Pick<ClientAuthenticationPolicy, 'methods' | 'requireWalletAttestation'>): ClientAuthenticationMethod[] {
  return policy.requireWalletAttestation ? [ATTEST_JWT_CLIENT_AUTH] : [...new Set(policy.methods)];
}

/**
 * RFC 6749 Section 2.3: decides which one method the client authenticated with at the token or PAR
 * endpoint (HAIP 1.0 Section 4.3: the same rules at both) and checks it. Every refusal is invalid_client,
 * except a PoP without an expected challenge (use_attestation_challenge).
 */
export async function authenticateClient(request: ClientAuthenticationRequest, policy: ClientAuthenticationPolicy): Promise<AuthenticatedClient> {
  const allowed = tokenEndpointAuthMethodsSupported(policy);
  const method = usedMethod(request, allowed);
  if (!allowed.includes(method)) throw notAllowed(method, allowed, policy);
  const clientId = request.parameters.client_id;
  switch (method) {
    case ATTEST_JWT_CLIENT_AUTH: {
      const options = required(policy.attestation, method);
      const attestation = verifyClientAttestation({
        attestation: request.clientAttestation,
        pop: request.clientAttestationPop,
        issuer: policy.issuer,
        now: policy.now,
        expectedClientId: clientId,
        ...(policy.clockSkewSeconds !== undefined && { clockSkewSeconds: policy.clockSkewSeconds }),
        ...options,
      });
      return { method, clientId: attestation.clientId, attestation, replayCheck: { jti: attestation.popJti, expiresAt: attestation.popJtiExpiresAt } };
    }
    case PRIVATE_KEY_JWT: {
      const options = required(policy.assertion, method);
      const assertion = await verifyClientAssertion({
        clientAssertionType: request.parameters.client_assertion_type,
        clientAssertion: request.parameters.client_assertion,
        clientId,
        audiences: [policy.issuer, policy.endpoint],
        now: policy.now,
        ...(policy.clockSkewSeconds !== undefined && { clockSkewSeconds: policy.clockSkewSeconds }),
        ...options,
      });
      return { method, clientId: assertion.clientId, assertion, replayCheck: { jti: assertion.jti, expiresAt: assertion.expiresAt } };
    }
    case NO_CLIENT_AUTHENTICATION:
      return { method, clientId: publicClientId(clientId, request.parameters.grant_type, policy) };
  }
}

type SeenMethod = ClientAuthenticationMethod | 'client_secret_basic' | 'client_secret_post';

/** RFC 6749 Section 2.3: "The client MUST NOT use more than one authentication method in each request." */
function usedMethod(request: ClientAuthenticationRequest, allowed: readonly ClientAuthenticationMethod[]): ClientAuthenticationMethod {
  const seen: SeenMethod[] = [];
  if (request.clientAttestation.length > 0 || request.clientAttestationPop.length > 0) seen.push(ATTEST_JWT_CLIENT_AUTH);
  if (request.parameters.client_assertion !== undefined || request.parameters.client_assertion_type !== undefined) seen.push(PRIVATE_KEY_JWT);
  if (request.parameters.client_secret !== undefined) seen.push('client_secret_post');
  if (request.authorization?.some((value) => /^basic\s/i.test(value.trim()))) seen.push('client_secret_basic');
  if (seen.length > 1) {
    throw refuseClient(`the request authenticates the client in ${seen.length} ways at once (${seen.join(', ')})`, `Use exactly one client authentication method: ${allowed.join(' or ')}`, 'RFC 6749 Section 2.3');
  }
  const method = seen[0] ?? NO_CLIENT_AUTHENTICATION;
  if (method === 'client_secret_basic' || method === 'client_secret_post') {
    throw refuseClient(`the client authenticated with ${method}, which this authorization server does not offer`, methodsHelp(allowed), 'RFC 8414 Section 2 (token_endpoint_auth_methods_supported)');
  }
  return method;
}

function notAllowed(method: ClientAuthenticationMethod, allowed: readonly ClientAuthenticationMethod[], policy: ClientAuthenticationPolicy) {
  if (method === NO_CLIENT_AUTHENTICATION && allowed.includes(ATTEST_JWT_CLIENT_AUTH)) {
    const reason = policy.requireWalletAttestation
      ? 'no OAuth-Client-Attestation header was sent; this authorization server requires Wallet Attestation'
      : 'the request carries no client authentication, which this authorization server requires';
    return refuseClient(reason, methodsHelp(allowed), 'HAIP 1.0 Section 4.4.1');
  }
  return refuseClient(`the client authenticated with ${method === NO_CLIENT_AUTHENTICATION ? 'none (no client authentication)' : method}, which this authorization server does not accept`, methodsHelp(allowed), 'RFC 6749 Section 2.3');
}

function methodsHelp(allowed: readonly ClientAuthenticationMethod[]): string {
  const how: Record<ClientAuthenticationMethod, string> = {
    attest_jwt_client_auth: 'attest_jwt_client_auth (OAuth-Client-Attestation and OAuth-Client-Attestation-PoP headers with your Wallet Attestation)',
    private_key_jwt: 'private_key_jwt (client_assertion_type and a client_assertion JWT)',
    none: 'none (client_id only)',
  };
  return `Authenticate with one of the methods in token_endpoint_auth_methods_supported: ${allowed.map((method) => how[method]).join('; ')}`;
}

/** RFC 6749 Section 4.1.3 and OID4VCI 1.0 Section 6.3: a public client names itself, unless anonymous access is offered. */
function publicClientId(clientId: string | undefined, grantType: string | undefined, policy: ClientAuthenticationPolicy): string | undefined {
  if (clientId !== undefined) return clientId;
  if (grantType === PRE_AUTHORIZED_CODE_GRANT_TYPE && policy.anonymousPreAuthorizedAccess) return undefined;
  const anonymous = grantType === PRE_AUTHORIZED_CODE_GRANT_TYPE;
  throw refuseClient(
    anonymous ? 'the token request has no client_id and this authorization server does not offer pre-authorized_grant_anonymous_access_supported' : 'the request has no client_id and no client authentication',
    'Send your client_id',
    anonymous ? 'OID4VCI 1.0 Section 6.3' : 'RFC 6749 Section 4.1.3',
  );
}

function required<T>(options: T | undefined, method: ClientAuthenticationMethod): T {
  if (options === undefined) throw new TypeError(`the client authentication policy accepts ${method} but does not configure it`);
  return options;
}
