import { timingSafeEqualString } from '@issuer/crypto';
import { invalidGrant, invalidRequest, type ProtocolError } from '@issuer/protocol-errors';
import { hashSecret } from '../hash-secret.js';
import type { FormParameters } from './form-parameters.js';
import { parseAuthorizationDetailsParameter, type AuthorizationDetail } from './parse-authorization-details-parameter.js';

// OID4VCI 1.0 Section 4.1.1, registered in the IANA "OAuth URI" registry.
export const PRE_AUTHORIZED_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

export interface PreAuthorizedCodeTokenRequest {
  grant_type: typeof PRE_AUTHORIZED_CODE_GRANT_TYPE;
  'pre-authorized_code': string;
  tx_code?: string;
  client_id?: string;
  authorization_details?: AuthorizationDetail[];
  /** All parameters, once each, for client authentication and the timeline. */
  parameters: FormParameters;
}

export interface PreAuthorizedCodeGrantOptions {
  /** OID4VCI 1.0 Section 6.1.1: whether authorization_details may narrow a pre-authorized request. */
  authorizationDetailsSupported?: boolean;
}

/** OID4VCI 1.0 Section 6.1: the Token Request of the Pre-Authorized Code Flow. */
export function parsePreAuthorizedCodeTokenRequest(parameters: FormParameters, options: PreAuthorizedCodeGrantOptions = {}): PreAuthorizedCodeTokenRequest {
  const code = parameters['pre-authorized_code'];
  if (code === undefined) {
    throw invalidRequest({
      reason: 'pre-authorized_code is missing',
      help: 'Send the pre-authorized_code from the credential offer grants',
      specRef: 'OID4VCI 1.0 Section 6.1',
    });
  }
  const details = parameters.authorization_details;
  if (details !== undefined && !options.authorizationDetailsSupported) {
    throw invalidRequest({
      reason: 'authorization_details was sent with a pre-authorized code, which this issuer does not support',
      help: 'Leave out authorization_details; the pre-authorized code already names the offered credential configurations',
      specRef: 'OID4VCI 1.0 Section 6.1.1',
    });
  }
  return {
    grant_type: PRE_AUTHORIZED_CODE_GRANT_TYPE,
    'pre-authorized_code': code,
    ...(parameters.tx_code !== undefined && { tx_code: parameters.tx_code }),
    ...(parameters.client_id !== undefined && { client_id: parameters.client_id }),
    ...(details !== undefined && { authorization_details: parseAuthorizationDetailsParameter(details) }),
    parameters,
  };
}

/** What the authorization server stored for a pre-authorized code. */
export interface PreAuthorizedCodeRecord {
  sessionId: string;
  expiresAt: Date;
  consumedAt: Date | null;
  /** `hashSecret(tx_code)`, or null when the offer has no tx_code. */
  txCodeHash: string | null;
  txCodeAttempts: number;
  maxTxCodeAttempts: number;
}

export type PreAuthorizedCodeDecision = { ok: true } | { ok: false; error: ProtocolError; countsAsTxCodeAttempt: boolean };

const UNKNOWN_OR_EXPIRED = 'The pre-authorized code is invalid or expired';
const SPEC_REF = 'OID4VCI 1.0 Section 6.3';

/**
 * OID4VCI 1.0 Section 6.3: decides a pre-authorized code token request against the stored record
 * (null when unknown). Nothing is changed here: the caller consumes the code on `ok`, and counts a
 * tx_code attempt when `countsAsTxCodeAttempt`.
 */
export function checkPreAuthorizedCode(record: PreAuthorizedCodeRecord | null, request: Pick<PreAuthorizedCodeTokenRequest, 'tx_code'>, now: number): PreAuthorizedCodeDecision {
  // Unknown and expired codes answer alike so that a guess learns nothing.
  if (record === null) return refuse(invalidGrant({ reason: 'pre-authorized_code is unknown', help: 'Use the pre-authorized_code of a current credential offer', specRef: SPEC_REF, description: UNKNOWN_OR_EXPIRED }));
  if (record.expiresAt.getTime() <= now * 1000) {
    return refuse(invalidGrant({ reason: `pre-authorized_code expired at ${record.expiresAt.toISOString()}`, help: 'Ask the issuer for a new credential offer', specRef: SPEC_REF, description: UNKNOWN_OR_EXPIRED }));
  }
  if (record.consumedAt !== null) {
    return refuse(invalidGrant({
      reason: `pre-authorized_code already consumed at ${record.consumedAt.toISOString()}`,
      help: 'A pre-authorized code is single-use; ask the issuer for a new credential offer',
      specRef: 'OID4VCI 1.0 Section 13.6.1',
      description: 'The pre-authorized code has already been used',
    }));
  }
  if (record.txCodeHash !== null && record.txCodeAttempts >= record.maxTxCodeAttempts) {
    return refuse(invalidGrant({ reason: `offer invalidated after ${record.maxTxCodeAttempts} attempts with a wrong tx_code`, help: 'Ask the issuer for a new credential offer', specRef: SPEC_REF }));
  }
  if (record.txCodeHash !== null && request.tx_code === undefined) {
    return refuse(invalidRequest({ reason: 'tx_code is missing but the offer requires one', help: 'Send the transaction code the End-User received as tx_code', specRef: SPEC_REF }));
  }
  if (record.txCodeHash === null && request.tx_code !== undefined) {
    return refuse(invalidRequest({ reason: 'tx_code was sent but the offer has none', help: 'Leave out tx_code: the credential offer carries no tx_code object', specRef: SPEC_REF }));
  }
  if (record.txCodeHash !== null && !timingSafeEqualString(hashSecret(request.tx_code as string), record.txCodeHash)) {
    const attempt = record.txCodeAttempts + 1;
    const left = record.maxTxCodeAttempts - attempt;
    return {
      ok: false,
      countsAsTxCodeAttempt: true,
      error: invalidGrant({
        reason: `wrong tx_code (attempt ${attempt} of ${record.maxTxCodeAttempts}); ${left > 0 ? `${left} left` : `offer invalidated after ${record.maxTxCodeAttempts} attempts`}`,
        help: left > 0 ? 'Ask the End-User to enter the transaction code again' : 'Ask the issuer for a new credential offer',
        specRef: SPEC_REF,
      }),
    };
  }
  return { ok: true };
}

function refuse(error: ProtocolError): PreAuthorizedCodeDecision {
  return { ok: false, error, countsAsTxCodeAttempt: false };
}
