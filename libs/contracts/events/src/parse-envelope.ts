import type { z } from 'zod';
import { zEnvelope } from './envelope.js';
import type { KnownEnvelope } from './event-schemas.js';
import { findDataSchema } from './event-schemas.js';

export interface EnvelopeIssue {
  path: string;
  message: string;
}

export type EnvelopeError =
  | { code: 'malformed_json'; message: string }
  | { code: 'invalid_envelope'; message: string; issues: EnvelopeIssue[] }
  | { code: 'unknown_type'; message: string; type: string; version: number }
  | { code: 'invalid_data'; message: string; type: string; version: number; issues: EnvelopeIssue[] };

export type ParseEnvelopeResult = { ok: true; envelope: KnownEnvelope } | { ok: false; error: EnvelopeError };

/** Validates an envelope and its `data` as received from the wire (JSON text or parsed); never throws. */
export function parseEnvelope(raw: unknown): ParseEnvelopeResult {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return { ok: false, error: { code: 'malformed_json', message: `Envelope is not JSON: ${(error as Error).message}` } };
    }
  }

  const envelope = zEnvelope.safeParse(value);
  if (!envelope.success) {
    const issues = toIssues(envelope.error);
    return { ok: false, error: { code: 'invalid_envelope', message: `Invalid envelope: ${describe(issues)}`, issues } };
  }

  const { type, version } = envelope.data;
  const schema = findDataSchema(type, version);
  if (!schema) {
    return {
      ok: false,
      error: { code: 'unknown_type', message: `No schema for ${type} version ${version}`, type, version },
    };
  }

  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    const issues = toIssues(data.error);
    return {
      ok: false,
      error: { code: 'invalid_data', message: `Invalid data for ${type} version ${version}: ${describe(issues)}`, type, version, issues },
    };
  }

  return { ok: true, envelope: { ...envelope.data, data: data.data } as KnownEnvelope };
}

function toIssues(error: z.ZodError): EnvelopeIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function describe(issues: EnvelopeIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}
