import { issuanceStatuses } from '@issuer/contracts-routes';
import { z } from 'zod';
import { decodeIssuanceCursor } from './issuance-cursor.js';

export const MAX_ISSUANCE_PAGE_SIZE = 100;
const DEFAULT_ISSUANCE_PAGE_SIZE = 20;

const zTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** `GET /admin/v1/issuances` query: every filter narrows the list; none returns every issuance. */
export const zListIssuancesQuery = z
  .object({
    status: z.enum(issuanceStatuses).optional().describe('Only issuances in this status'),
    credential_configuration_id: z.string().min(1).optional().describe('Only issuances with a credential of this configuration'),
    grant_type: z.enum(['pre-authorized_code', 'authorization_code']).optional(),
    session_id: z.string().min(1).optional(),
    created_after: zTime.optional().describe('Only issuances created at or after this time (ISO 8601 with offset)'),
    created_before: zTime.optional().describe('Only issuances created before this time (ISO 8601 with offset)'),
    limit: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(MAX_ISSUANCE_PAGE_SIZE))
      .default(DEFAULT_ISSUANCE_PAGE_SIZE)
      .describe(`1 to ${MAX_ISSUANCE_PAGE_SIZE}, default ${DEFAULT_ISSUANCE_PAGE_SIZE}`),
    cursor: z
      .string()
      .transform((value, ctx) => decodeIssuanceCursor(value) ?? (ctx.addIssue({ code: 'custom', message: 'is not a next_cursor this API returned' }), z.NEVER))
      .optional()
      .describe('The next_cursor of the previous page'),
  })
  .strict();

export type ListIssuancesQuery = z.infer<typeof zListIssuancesQuery>;
