import { invalidRequest } from '@issuer/protocol-errors';
import type { z } from 'zod';

/** Parses a request part with its zod schema; every problem is named by its path in `reason`. */
export function parseWithSchema<T extends z.ZodType>(schema: T, value: unknown, context: { what: string; help: string; specRef?: string }): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
  throw invalidRequest({
    reason: `The ${context.what} is invalid: ${problems.join('; ')}`,
    help: context.help,
    specRef: context.specRef,
  });
}
