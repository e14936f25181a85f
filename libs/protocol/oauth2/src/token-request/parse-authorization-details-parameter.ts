import { invalidAuthorizationDetails, invalidRequest } from '@issuer/protocol-errors';

export interface AuthorizationDetail {
  type: string;
  [member: string]: unknown;
}

/** RFC 9396 Section 2: a JSON array of objects, each with a string `type`. */
export function parseAuthorizationDetailsParameter(value: string): AuthorizationDetail[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidRequest({ reason: 'authorization_details is not JSON', help: 'Send authorization_details as a URL-encoded JSON array', specRef: 'RFC 9396 Section 2' });
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw invalidRequest({ reason: 'authorization_details is not a non-empty JSON array', help: 'Send authorization_details as a JSON array of objects', specRef: 'RFC 9396 Section 2' });
  }
  parsed.forEach((detail: unknown, index) => {
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail) || typeof (detail as { type?: unknown }).type !== 'string') {
      throw invalidAuthorizationDetails({
        reason: `authorization_details[${index}] is not an object with a string type`,
        help: 'Give every entry a type, e.g. { "type": "openid_credential", "credential_configuration_id": "..." }',
        specRef: 'RFC 9396 Section 2',
      });
    }
  });
  return parsed as AuthorizationDetail[];
}
