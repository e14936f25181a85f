import { z } from 'zod';

// OID4VCI 1.0 Section 4.1.1: the grants a Credential Offer can carry.
export const zGrantType = z.enum(['urn:ietf:params:oauth:grant-type:pre-authorized_code', 'authorization_code']);

export type GrantType = z.infer<typeof zGrantType>;
