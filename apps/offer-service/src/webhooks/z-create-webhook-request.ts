import { z } from 'zod';
import { WEBHOOK_EVENTS } from './webhook-events.js';

export const zCreateWebhookRequest = z.object({
  url: z.string().min(1),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).transform((events) => [...new Set(events)]),
  description: z.string().max(500).optional(),
});
