export interface NewIssuerState {
  /** Hash of the issuer_state; the value itself is never stored. */
  issuerStateHash: string;
  sessionId: string;
  issuanceId: string;
  credentialConfigurationIds: string[];
  compatibilityProfile: string | null;
  requireKeyAttestation: boolean;
  requireWalletAttestation: boolean;
  /** The issuance's test behaviours; null or absent for none. */
  testBehaviours?: Record<string, unknown> | null;
  expiresAt: Date;
}

export interface NewAuthorizationRequest {
  /** Hash of the request_uri handed to the client. */
  requestUriHash: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string | null;
  credentialConfigurationIds: string[];
  authorizationDetails: object[] | null;
  sessionId: string | null;
  issuanceId: string | null;
  compatibilityProfile: string | null;
  requireKeyAttestation: boolean;
  /** The issuance's test behaviours, from its issuer_state; null or absent for none. */
  testBehaviours?: Record<string, unknown> | null;
  dpopJkt: string | null;
  /** EBSI v4: where the ID Token Request authenticating the holder's DID goes; null for a login. */
  holderAuthorizationEndpoint: string | null;
  /** The authorization request's nonce, for the id_token of the token response. */
  nonce: string | null;
  expiresAt: Date;
}

export interface AuthorizationRequestRecord extends NewAuthorizationRequest {
  subject: string | null;
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeConsumedAt: Date | null;
}

/** What login and consent add to an authorization request: the code and the session it feeds. */
export interface IssuedAuthorizationCode {
  codeHash: string;
  codeExpiresAt: Date;
  subject: string;
  sessionId: string;
  issuanceId: string;
}
