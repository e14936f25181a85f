import { z } from 'zod';
import { zCredentialResponseEncryption } from '../credential-request/z-credential-request.js';

/** OID4VCI 1.0 Section 9.1: the Deferred Credential Request; unrecognised parameters are ignored. */
export const zDeferredCredentialRequest = z
  .object({
    transaction_id: z.string({ error: 'is missing or not a string' }).min(1, { error: 'is empty' }),
    credential_response_encryption: zCredentialResponseEncryption.optional(),
  })
  .loose();

export const DEFERRED_CREDENTIAL_REQUEST_MEMBERS: ReadonlySet<string> = new Set(['transaction_id', 'credential_response_encryption']);
