import { invalidRequest } from '@issuer/protocol-errors';

export type FormBody = Record<string, string | string[] | undefined>;
export type FormParameters = Readonly<Record<string, string>>;

/**
 * RFC 6749 Section 3.2: parameters sent without a value are treated as omitted, and no parameter
 * may be included more than once.
 */
export function readFormParameters(body: FormBody): FormParameters {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const values = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item !== '');
    if (values.length > 1) {
      throw invalidRequest({
        reason: `parameter ${name} was sent ${values.length} times`,
        help: `Send ${name} once`,
        specRef: 'RFC 6749 Section 3.2',
      });
    }
    if (values[0] !== undefined) parameters[name] = values[0];
  }
  return parameters;
}
