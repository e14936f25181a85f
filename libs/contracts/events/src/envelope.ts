import { z } from 'zod';

/** Every event and command travels in this envelope; `data` is validated by the schema of `type`@`version`. */
export const zEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
  sessionId: z.string().nullable(),
  traceparent: z.string().optional(),
  data: z.unknown(),
});

export type Envelope<TData = unknown> = Omit<z.infer<typeof zEnvelope>, 'data'> & { data: TData };
