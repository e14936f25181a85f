import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { CommandError } from '../messaging/command-error.js';
import { toProtocolError } from './to-protocol-error.js';

class PrismaClientKnownRequestError extends Error {
  override name = 'PrismaClientKnownRequestError';
}

describe('isDatabaseUnavailable', () => {
  it('knows a database shutting down, starting up, or out of reach', () => {
    expect(isDatabaseUnavailable(new PrismaClientKnownRequestError('Database error. Code: `57P03`. Message: `the database system is shutting down`'))).toBe(true);
    expect(isDatabaseUnavailable(new PrismaClientKnownRequestError('Database error. Code: `57P01`. Message: `terminating connection due to administrator command`'))).toBe(true);
    expect(isDatabaseUnavailable(new PrismaClientKnownRequestError("Can't reach database server at 127.0.0.1:5432"))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: new PrismaClientKnownRequestError('Server has closed the connection.') }))).toBe(true);
  });

  it("knows node-postgres's own errors for a connection that is gone", () => {
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error'))).toBe(false);
  });

  it('leaves other database errors and plain errors alone', () => {
    expect(isDatabaseUnavailable(new PrismaClientKnownRequestError('Unique constraint failed. Code: `23505`'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('ECONNREFUSED in a message of some other error'))).toBe(false);
    expect(isDatabaseUnavailable('57P03')).toBe(false);
  });
});

describe('toProtocolError', () => {
  it('answers 503 temporarily_unavailable with Retry-After while the database is unavailable', () => {
    const error = toProtocolError(new PrismaClientKnownRequestError('Database error. Code: `57P03`. Message: `the database system is starting up`'));
    expect(error).toMatchObject({ error: 'temporarily_unavailable', status: 503, headers: { 'Retry-After': '2' } });
  });
});

describe('toProtocolError of a command', () => {
  it('answers 503 when the service that handles it did not answer, could not be reached, or could not reach its database', () => {
    expect(toProtocolError(new CommandError('cmd.offer.get-credential-claims', 'timeout', 'no reply within 5000 ms'))).toMatchObject({ error: 'temporarily_unavailable', status: 503 });
    expect(toProtocolError(new CommandError('cmd.offer.get-credential-claims', 'handler_failed', "Can't reach database server at 127.0.0.1:5432"))).toMatchObject({ status: 503 });
    expect(toProtocolError(new CommandError('cmd.offer.get-credential-claims', 'unreachable', 'the message bus could not carry it: closed connection'))).toMatchObject({ status: 503 });
  });

  it('answers 500 when the handler failed otherwise', () => {
    expect(toProtocolError(new CommandError('cmd.offer.get-credential-claims', 'handler_failed', 'Cannot read properties of undefined'))).toMatchObject({ error: 'server_error', status: 500 });
    expect(toProtocolError(new CommandError('cmd.offer.get-credential-claims', 'invalid_reply', 'unexpected reply'))).toMatchObject({ status: 500 });
  });
});
