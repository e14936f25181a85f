import { z } from 'zod';

const zSeconds = z.number().int().min(1).max(86_400);

/**
 * Failures a wallet meets in the field, reproduced on demand for one issuance. The offer-service
 * keeps them with the issuance; the authorization server keeps them with its code and carries them
 * in the access token to the credential and deferred credential endpoints.
 */
export const zTestBehaviours = z
  .strictObject({
    use_dpop_nonce: z
      .boolean()
      .optional()
      .describe('RFC 9449 Section 8: the token endpoint demands a DPoP nonce it provided; the first token request without it gets use_dpop_nonce and a DPoP-Nonce header'),
    reject_first_proof: z
      .boolean()
      .optional()
      .describe('OID4VCI 1.0 Section 8.3.1.2: the first credential request gets invalid_nonce even when its key proof is valid; the retry with a fresh c_nonce succeeds'),
    deferred_ready_after: zSeconds
      .optional()
      .describe('OID4VCI 1.0 Section 9: the credential endpoint answers 202 with a transaction_id; the deferred credential endpoint answers issuance_pending until this many seconds have passed, then the credentials'),
    issue_fewer_credentials: z
      .union([z.literal(true), z.number().int().min(1)])
      .optional()
      .describe('OID4VCI 1.0 Section 8.3: a batch request with k key proofs gets k-1 credentials (true), or at most this many'),
    reverse_batch_order: z.boolean().optional().describe('OID4VCI 1.0 Section 8.3: the credentials of a batch come in the reverse order of the key proofs'),
    require_request_encryption: z
      .boolean()
      .optional()
      .describe('OID4VCI 1.0 Section 10: an unencrypted credential request gets invalid_encryption_parameters'),
    require_response_encryption: z
      .boolean()
      .optional()
      .describe('OID4VCI 1.0 Section 10: a credential request without credential_response_encryption gets invalid_encryption_parameters'),
    offer_expires_in: zSeconds.optional().describe('OID4VCI 1.0 Section 4.1.3: the credential offer URI answers 404 after this many seconds'),
    pre_authorized_code_expires_in: zSeconds
      .optional()
      .describe('OID4VCI 1.0 Section 6.3: the token endpoint answers invalid_grant (expired) for the pre-authorized code after this many seconds'),
  })
  .describe('Test behaviours for wallet developers: each reproduces a failure wallets meet in the field, and the session timeline says when it was applied');

export type TestBehaviours = z.infer<typeof zTestBehaviours>;

/** What the session timeline says when a test behaviour changed an answer. */
export interface AppliedTestBehaviour {
  behaviour: keyof TestBehaviours;
  reason: string;
  help: string;
  spec_ref: string;
}

// Lenient on purpose: a behaviour added by a newer sender is skipped, the known ones still apply.
const zReceivedTestBehaviours = z.object(zTestBehaviours.shape);

/** Test behaviours carried by a message or a token, or none when absent or unreadable. */
export function readTestBehaviours(value: unknown): TestBehaviours {
  const parsed = zReceivedTestBehaviours.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}
