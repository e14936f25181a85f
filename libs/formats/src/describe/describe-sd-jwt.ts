import { createHash } from 'node:crypto';
import { decodeJsonPart } from '@issuer/crypto';

/** SD-JWT Section 4.1.1: the `_sd_alg` names an IANA hash; these are the ones a display can recompute. */
const HASHES: Record<string, string> = { 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };

export interface DescribedDisclosure {
  /** Where the disclosed claim sits, as a JSON path: `$.address.street_address`, `$.nationalities[1]`. */
  path: string | null;
  digest: string;
  name?: string;
  value: unknown;
}

/**
 * An SD-JWT (RFC 9901, SD-JWT VC) as a wallet developer reads it: the Issuer-signed JWT's header and
 * payload, each Disclosure decoded with the digest that refers to it and the place it discloses.
 * Display only: nothing here is verified.
 */
export function describeSdJwt(compact: string): Record<string, unknown> {
  const [jwt = '', ...rest] = compact.split('~');
  const keyBindingJwt = rest.at(-1) ?? '';
  const disclosureTexts = rest.slice(0, -1).filter((text) => text.length > 0);
  const [header, payload, signature = ''] = jwt.split('.');
  const decodedPayload = decodeJsonPart(payload);
  const hash = HASHES[String((decodedPayload as { _sd_alg?: unknown })?._sd_alg ?? 'sha-256')] ?? 'sha256';
  const disclosures = disclosureTexts.map((text) => describeDisclosure(text, hash));
  locateDisclosures(decodedPayload, disclosures);
  return {
    issuer_signed_jwt: { header: decodeJsonPart(header), payload: decodedPayload, signature_length: signature.length },
    disclosures,
    key_binding_jwt: keyBindingJwt.length > 0 ? { header: decodeJsonPart(keyBindingJwt.split('.')[0]), payload: decodeJsonPart(keyBindingJwt.split('.')[1]) } : null,
  };
}

function describeDisclosure(text: string, hash: string): DescribedDisclosure {
  const digest = createHash(hash).update(text, 'ascii').digest('base64url');
  const decoded = decodeJsonPart(text);
  // SD-JWT Section 4.2.1 and 4.2.2: [salt, name, value] for an object property, [salt, value] for an array element.
  if (Array.isArray(decoded) && decoded.length === 3 && typeof decoded[1] === 'string') return { path: null, digest, name: decoded[1], value: decoded[2] };
  if (Array.isArray(decoded) && decoded.length === 2) return { path: null, digest, value: decoded[1] };
  return { path: null, digest, value: decoded };
}

/** Walks the payload and every disclosed value, giving each disclosure the path of the digest that names it (SD-JWT Section 7.1). */
function locateDisclosures(payload: unknown, disclosures: DescribedDisclosure[]): void {
  const byDigest = new Map(disclosures.map((disclosure) => [disclosure.digest, disclosure]));
  const pending: Array<[unknown, string]> = [[payload, '$']];
  while (pending.length > 0) {
    const [value, path] = pending.pop() as [unknown, string];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const digest = isObject(item) && Object.keys(item).length === 1 ? item['...'] : undefined;
        const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined;
        if (disclosure && disclosure.path === null) {
          disclosure.path = `${path}[${index}]`;
          pending.push([disclosure.value, disclosure.path]);
        } else {
          pending.push([item, `${path}[${index}]`]);
        }
      });
      continue;
    }
    if (!isObject(value)) continue;
    for (const digest of Array.isArray(value['_sd']) ? value['_sd'] : []) {
      const disclosure = typeof digest === 'string' ? byDigest.get(digest) : undefined;
      if (!disclosure || disclosure.path !== null || disclosure.name === undefined) continue;
      disclosure.path = `${path}.${disclosure.name}`;
      pending.push([disclosure.value, disclosure.path]);
    }
    for (const [name, item] of Object.entries(value)) if (name !== '_sd') pending.push([item, `${path}.${name}`]);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
