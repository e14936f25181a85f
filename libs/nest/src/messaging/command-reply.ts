import { parseEnvelope } from '@issuer/contracts-events';
import { ProtocolError, isProtocolError } from '@issuer/protocol-errors';
import { z } from 'zod';
import type { CommandHandler } from './bus.js';
import { CommandError } from './command-error.js';

const zProtocolErrorFields = z.object({
  error: z.string(),
  status: z.number().int(),
  description: z.string(),
  reason: z.string(),
  help: z.string(),
  specRef: z.string(),
  headers: z.record(z.string(), z.string()),
});

const zCommandReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    failure: z.enum(['invalid_request', 'handler_failed']),
    message: z.string(),
    protocolError: zProtocolErrorFields.optional(),
  }),
]);

type CommandReplyWire = z.infer<typeof zCommandReply>;

/** Runs a command handler on a request as it travelled and answers with the reply as it travels back. */
export async function answerCommand(payload: string, handler: CommandHandler): Promise<string> {
  const parsed = parseEnvelope(payload);
  if (!parsed.ok) {
    return encode({ ok: false, failure: 'invalid_request', message: parsed.error.message });
  }
  try {
    const result = await handler(parsed.envelope);
    return encode({ ok: true, result: result ?? null });
  } catch (error) {
    if (isProtocolError(error)) {
      const { error: code, status, description, reason, help, specRef, headers } = error;
      return encode({
        ok: false,
        failure: 'handler_failed',
        message: error.message,
        protocolError: { error: code, status, description, reason, help, specRef, headers },
      });
    }
    return encode({ ok: false, failure: 'handler_failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/** The result of a reply, or the error it carries: a handler's `ProtocolError` comes back as one. */
export function readCommandReply<TRes>(subject: string, reply: string): TRes {
  let value: unknown;
  try {
    value = JSON.parse(reply);
  } catch {
    throw new CommandError(subject, 'invalid_reply', 'reply is not JSON');
  }
  const parsed = zCommandReply.safeParse(value);
  if (!parsed.success) {
    throw new CommandError(subject, 'invalid_reply', 'reply is not a command reply');
  }
  const answer = parsed.data;
  if (answer.ok) return answer.result as TRes;
  if (answer.protocolError) throw new ProtocolError(answer.protocolError);
  throw new CommandError(subject, answer.failure, answer.message);
}

function encode(reply: CommandReplyWire): string {
  return JSON.stringify(reply);
}
