import { serverError } from '@issuer/protocol-errors';
import { isJsonObject } from '@issuer/protocol-oid4vci';
import { fullDate, tdate } from './cbor.js';

/**
 * Data elements typed `full-date` or `tdate or full-date`: ISO/IEC 18013-5 Section 7.2.1 Table 5
 * (birth_date, issue_date, expiry_date, portrait_capture_date, and issue_date and expiry_date inside
 * driving_privileges) and the PID Rulebook Section 3.1.1 (birth_date, expiry_date, issuance_date).
 */
export const DATE_ELEMENTS: ReadonlySet<string> = new Set(['birth_date', 'issue_date', 'expiry_date', 'issuance_date', 'portrait_capture_date']);

/** Data elements typed `bstr` (ISO/IEC 18013-5 Table 5, PID Rulebook Section 3.1.1); JSON carries them as base64 or base64url. */
export const BYTE_STRING_ELEMENTS: ReadonlySet<string> = new Set(['portrait', 'signature_usual_mark']);

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The CBOR value of a data element given as JSON. For an identifier in `DATE_ELEMENTS` (at any depth)
 * a `YYYY-MM-DD` string becomes a full-date and a UTC date-time without fractions a tdate; for one in
 * `BYTE_STRING_ELEMENTS` the base64 text becomes bytes. Everything else is encoded as it is. `path`
 * names the element in errors.
 */
export function toElementValue(elementIdentifier: string, value: unknown, path = elementIdentifier): unknown {
  return convert(path, elementIdentifier, value);
}

function convert(path: string, key: string | undefined, value: unknown): unknown {
  if (key !== undefined && typeof value === 'string') {
    if (DATE_ELEMENTS.has(key)) return dateValue(path, value);
    if (BYTE_STRING_ELEMENTS.has(key)) return byteString(path, value);
  }
  if (Array.isArray(value)) return value.map((item, index) => convert(`${path}[${index}]`, undefined, item));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, convert(`${path}.${name}`, name, child)]));
  return value;
}

function dateValue(path: string, value: string): unknown {
  if (FULL_DATE.test(value)) {
    if (!isCalendarDate(value)) throw invalidValue(path, `"${value}" is not a calendar date`);
    return fullDate(value);
  }
  if (UTC_DATE_TIME.test(value)) {
    const epochMs = Date.parse(value);
    if (Number.isNaN(epochMs) || new Date(epochMs).toISOString() !== value.replace('Z', '.000Z')) throw invalidValue(path, `"${value}" is not a date-time`);
    return tdate(epochMs / 1000);
  }
  return value;
}

function isCalendarDate(value: string): boolean {
  const epochMs = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(epochMs) && new Date(epochMs).toISOString().startsWith(value);
}

function byteString(path: string, value: string): Buffer {
  if (!BASE64.test(value)) throw invalidValue(path, 'is not base64 or base64url');
  return Buffer.from(value, 'base64');
}

function invalidValue(path: string, problem: string) {
  return serverError({
    reason: `cannot encode the mdoc data element ${path}: ${problem}`,
    help: 'Give dates as YYYY-MM-DD (or YYYY-MM-DDThh:mm:ssZ where ISO/IEC 18013-5 allows tdate) and byte strings as base64url',
  });
}
