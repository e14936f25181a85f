import { z } from 'zod';

/** Every management API error: the OAuth-style code and description, with the diagnosis an operator needs. */
export const zAdminError = z.object({
  error: z.string().describe('e.g. invalid_request, unauthorized, insufficient_scope, not_found, conflict'),
  error_description: z.string(),
  reason: z.string().describe('What was wrong, with the offending values'),
  help: z.string().describe('What to send instead'),
});
