/** `unreachable`: the message bus connection was lost, closed or draining while the command waited. */
export type CommandFailure = 'timeout' | 'no_responders' | 'unreachable' | 'invalid_request' | 'handler_failed' | 'invalid_reply';

/** A command that got no usable answer. A `ProtocolError` thrown by the handler is rethrown as itself instead. */
export class CommandError extends Error {
  readonly subject: string;
  readonly failure: CommandFailure;

  constructor(subject: string, failure: CommandFailure, message: string, options?: ErrorOptions) {
    super(`${subject}: ${message}`, options);
    this.name = 'CommandError';
    this.subject = subject;
    this.failure = failure;
  }
}

export function isCommandError(value: unknown): value is CommandError {
  return value instanceof CommandError;
}
