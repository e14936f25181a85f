/** draft-ietf-oauth-attestation-based-client-auth-07 Section 13.4: the token endpoint authentication method name. */
export const ATTEST_JWT_CLIENT_AUTH = 'attest_jwt_client_auth';
/** RFC 7591 Section 2 and OpenID Connect Core 1.0 Section 9: a JWT signed with the client's own key. */
export const PRIVATE_KEY_JWT = 'private_key_jwt';
/** RFC 7591 Section 2: a public client that does not authenticate. */
export const NO_CLIENT_AUTHENTICATION = 'none';

export type ClientAuthenticationMethod = typeof ATTEST_JWT_CLIENT_AUTH | typeof PRIVATE_KEY_JWT | typeof NO_CLIENT_AUTHENTICATION;

/** RFC 7523 Section 2.2: the client_assertion_type of a JWT client assertion. */
export const JWT_BEARER_CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** draft-ietf-oauth-attestation-based-client-auth-07 Sections 6.1 and 8.1: the HTTP fields, as registered. */
export const OAUTH_CLIENT_ATTESTATION_HEADER = 'OAuth-Client-Attestation';
export const OAUTH_CLIENT_ATTESTATION_POP_HEADER = 'OAuth-Client-Attestation-PoP';
export const OAUTH_CLIENT_ATTESTATION_CHALLENGE_HEADER = 'OAuth-Client-Attestation-Challenge';
