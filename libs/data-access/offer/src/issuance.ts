export interface IssuanceCredential {
  credential_configuration_id: string;
  /** Absent while a deferred issuance waits for the operator to supply them. */
  claims?: Record<string, unknown>;
}

/** OID4VCI 1.0 Section 4.1.1: the tx_code object of a pre-authorized_code grant. */
export interface TxCodeSpec {
  input_mode?: 'numeric' | 'text';
  length?: number;
  description?: string;
}

export interface NewIssuance {
  id: string;
  sessionId: string;
  /** Unguessable: the path segment of the credential_offer_uri. */
  offerId: string;
  status: string;
  credentials: IssuanceCredential[];
  grantType: string;
  txCodeSpec: TxCodeSpec | null;
  credentialOffer: object;
  offerExpiresAt: Date;
  /** strict-1.0, haip or lenient when the issuance sets its own; null follows the issuer's. */
  compatibilityProfile?: string | null;
  /** OID4VCI 1.0 Section 9: claims may come later; the wallet then collects the credentials with a transaction_id. */
  deferred?: boolean;
  /** The offer URL's scheme when not openid-credential-offer:// (haip-vci://); null or absent for the default. */
  urlScheme?: string | null;
  /** The test behaviours of the management API's test_behaviours, as the operator set them; null or absent for none. */
  testBehaviours?: Record<string, unknown> | null;
  /** OID4VCI 1.0 Section 4: the Wallet's Credential Offer Endpoint to push the offer to. */
  pushEndpoint?: string | null;
}

/** How pushing the offer to the Wallet's Credential Offer Endpoint went. */
export interface OfferPushOutcome {
  state: 'delivered' | 'failed';
  statusCode: number | null;
  error: string | null;
  at: Date;
}

/** The issued credentials' status as the management API set it (Token Status List Section 7.1). */
export type IssuanceCredentialStatus = 'operational' | 'suspended' | 'revoked';

export interface Issuance extends NewIssuance {
  deferred: boolean;
  urlScheme: string | null;
  testBehaviours: Record<string, unknown> | null;
  pushEndpoint: string | null;
  /** pending until the push was attempted, then delivered or failed; null without a push. */
  pushState: string | null;
  pushStatusCode: number | null;
  pushError: string | null;
  pushedAt: Date | null;
  /** The operator's reason, once a deferred issuance was denied (status issuance_denied). */
  denialReason: string | null;
  credentialStatus: IssuanceCredentialStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** Where an issuance stands in the listing order: newest first, then by id. */
export interface IssuancePosition {
  createdAt: Date;
  id: string;
}

/** Every given field narrows the list. */
export interface IssuanceFilter {
  status?: string;
  credentialConfigurationId?: string;
  grantType?: string;
  sessionId?: string;
  /** Created at or after. */
  createdAfter?: Date;
  /** Created before. */
  createdBefore?: Date;
}

export interface IssuancePage {
  items: Issuance[];
  /** Pass as `after` for the next page; null on the last page. */
  next: IssuancePosition | null;
}

/** One status transition of an issuance record, allowed only from the listed statuses. */
export interface StatusMove {
  sessionId: string;
  status: string;
  allowedFrom: string[];
}
