import type { TestBehaviours } from '@issuer/contracts-events';
import type { OutgoingEvent } from '@issuer/data-access-runtime';
import type { AuthenticatedClient } from '@issuer/protocol-oauth2';
import type { OpenIdCredentialDetail } from '@issuer/protocol-oid4vci';

/**
 * The DPoP proof and the client authentication of the request, checked once the grant's record has
 * named the session, so that a refusal lands on its timeline.
 */
export type Authenticate = (testBehaviours?: TestBehaviours) => Promise<{ client: AuthenticatedClient; dpopJkt: string | undefined }>;

/** What a grant authorizes, and how to use it up together with the events of the token. */
export interface Grant {
  sessionId: string;
  issuanceId: string;
  clientId: string | undefined;
  credentialConfigurationIds: string[];
  authorizationDetails?: OpenIdCredentialDetail[];
  compatibilityProfile: string | undefined;
  /** The issuance's require_key_attestation, carried in the access token. */
  requireKeyAttestation: boolean;
  /** The issuance's test behaviours, carried in the access token. */
  testBehaviours?: TestBehaviours;
  /** EBSI v4: the holder's DID authenticated by its ID Token, stated again in the token response's id_token. */
  holder?: { did: string; nonce: string | null };
  /** Uses the grant up, writing `events` with it; returns the refresh token issued with it, if any. */
  consume(at: Date, events: OutgoingEvent[]): Promise<{ refreshToken?: string }>;
}
