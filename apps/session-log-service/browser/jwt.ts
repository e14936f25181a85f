export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: unknown;
}

const compactJws = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(~[A-Za-z0-9_.~-]*)?$/;

/** A compact JWS (or SD-JWT's issuer-signed part) decoded for display: nothing here is verified. */
export function decodeJwt(value: string): DecodedJwt | null {
  if (!compactJws.test(value)) return null;
  const [header, payload] = value.split('~')[0]!.split('.');
  const decodedHeader = parseJson(header!);
  if (!decodedHeader || typeof decodedHeader !== 'object' || Array.isArray(decodedHeader) || typeof (decodedHeader as Record<string, unknown>)['alg'] !== 'string') return null;
  return { header: decodedHeader as Record<string, unknown>, payload: parseJson(payload!) ?? '<not base64url JSON>' };
}

function parseJson(part: string): unknown {
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (character) => character.charCodeAt(0))));
  } catch {
    return null;
  }
}
