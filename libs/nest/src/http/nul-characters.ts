import { invalidRequest } from '@issuer/protocol-errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// An escaped NUL preceded by an even number of backslashes: the escape itself, not a literal "\u0000".
const JSON_NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;
const URL_NUL = /%00/i;

/** NUL cannot be stored in PostgreSQL text or jsonb, and no identifier, parameter or claim of this platform contains one. */
export function jsonTextContainsNul(text: string): boolean {
  return text.includes('\\u0000') && JSON_NUL_ESCAPE.test(text);
}

export function nulCharacterError(where: string) {
  return invalidRequest({
    reason: `The ${where} contains a NUL character (%00 or \\u0000), which no identifier, parameter or claim of this platform contains.`,
    help: 'Remove the NUL character; send identifiers exactly as the platform issued them.',
    specRef: 'RFC 6749 Section 5.2',
  });
}

function formContainsNul(request: FastifyRequest): boolean {
  if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') || typeof request.body !== 'object' || request.body === null) return false;
  return Object.values(request.body).some((value) => [value].flat().some((item) => typeof item === 'string' && item.includes('\0')));
}

/** Refuses a request target or a form with an encoded NUL before any handler looks it up; JSON bodies are checked as they are parsed. */
export function registerNulCharacterCheck(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    done(URL_NUL.test(request.url) ? nulCharacterError('request URL') : undefined);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    done(formContainsNul(request) ? nulCharacterError('form body') : undefined);
  });
}
