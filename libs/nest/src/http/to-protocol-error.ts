import {
  invalidRequest,
  isProtocolError,
  methodNotAllowed,
  notFound,
  payloadTooLarge,
  serverError,
  temporarilyUnavailable,
  unsupportedMediaType,
  type ProtocolError,
} from '@issuer/protocol-errors';
import { isCommandError } from '../messaging/command-error.js';
import { isDatabaseUnavailable } from './database-unavailable.js';

/**
 * The one mapper from anything thrown to a protocol error (ARCHITECTURE.md principle 2). Errors of
 * the HTTP layer (body parser, router) are mapped by their status; anything unknown is a server_error.
 */
export function toProtocolError(error: unknown): ProtocolError {
  if (isProtocolError(error)) return error;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : 'unknown error';
  switch (status) {
    case 400:
      return invalidRequest({
        reason: `The request could not be parsed: ${message}`,
        help: 'Send a well-formed body of the content type the endpoint expects (JSON or form-encoded).',
        specRef: 'RFC 6749 Section 5.2',
      });
    case 404:
      return notFound({ reason: message, help: 'Check the URL against the issuer and authorization server metadata.' });
    case 405:
      return methodNotAllowed({ reason: message, help: 'Use the HTTP method the specification gives for this endpoint.' });
    case 413:
      return payloadTooLarge({ reason: message, help: 'Send a smaller request body.' });
    case 415:
      return unsupportedMediaType({
        reason: message,
        help: 'Send application/json to the credential endpoints and application/x-www-form-urlencoded to the token endpoint.',
      });
    default:
      // A database restart or failover is the server's, and brief: the wallet is told to retry (RFC 9110 Section 15.6.4).
      // So is a service that did not answer a command in time (restarting, or not yet subscribed).
      if (isDatabaseUnavailable(error) || (isCommandError(error) && (error.failure === 'timeout' || error.failure === 'no_responders' || error.failure === 'unreachable'))) {
        return temporarilyUnavailable({
          reason: 'A database or a service this request needs could not be reached (restarting or failing over).',
          help: 'Retry in a few seconds; sign fresh DPoP and key proofs for the retry.',
          headers: { 'Retry-After': '2' },
          cause: error,
        });
      }
      return serverError({ reason: 'An unexpected error occurred while processing the request.', help: 'Retry later; if it persists, report the session id.', cause: error });
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { getStatus?: () => number; statusCode?: unknown; status?: unknown };
  if (typeof candidate.getStatus === 'function') return candidate.getStatus();
  if (typeof candidate.statusCode === 'number') return candidate.statusCode;
  if (typeof candidate.status === 'number') return candidate.status;
  return undefined;
}
