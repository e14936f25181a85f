import { invalidRequest } from '@issuer/protocol-errors';
import { PRE_AUTHORIZED_CODE_GRANT_TYPE } from '../grant-types.js';
import type { TxCode } from './tx-code.js';
import { zCredentialOffer, type CredentialOffer } from './z-credential-offer.js';

export interface BuildCredentialOfferInput {
  credentialIssuer: string;
  credentialConfigurationIds: string[];
  preAuthorizedCode?: string;
  /** Present (even empty) when the token request must carry a tx_code. */
  txCode?: TxCode;
  issuerState?: string;
}

/** A Credential Offer object (OID4VCI 1.0 Section 4.1.1); rejects input that would make an invalid offer. */
export function buildCredentialOffer(input: BuildCredentialOfferInput): CredentialOffer {
  if (input.txCode && input.preAuthorizedCode === undefined) {
    throw invalidRequest({
      reason: 'tx_code was given without a pre-authorized code',
      help: 'Give the pre-authorized code the transaction code protects, or leave tx_code out',
      specRef: 'OID4VCI 1.0 Section 4.1.1',
    });
  }
  const grants: NonNullable<CredentialOffer['grants']> = {};
  if (input.issuerState !== undefined) grants.authorization_code = { issuer_state: input.issuerState };
  if (input.preAuthorizedCode !== undefined) {
    grants[PRE_AUTHORIZED_CODE_GRANT_TYPE] = {
      'pre-authorized_code': input.preAuthorizedCode,
      ...(input.txCode && { tx_code: input.txCode }),
    };
  }
  const offer = {
    credential_issuer: input.credentialIssuer,
    credential_configuration_ids: input.credentialConfigurationIds,
    ...(Object.keys(grants).length > 0 && { grants }),
  };
  const result = zCredentialOffer.safeParse(offer);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalidRequest({
      reason: `the credential offer would be invalid: ${issue?.path.join('.')} ${issue?.message}`,
      help: 'Use an https credential issuer, at least one distinct credential configuration id and a tx_code description of at most 300 characters',
      specRef: 'OID4VCI 1.0 Section 4.1.1',
    });
  }
  return result.data;
}
