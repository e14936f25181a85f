const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * RFC 9449 Section 4.3 check 9: the URI without query and fragment, compared after the syntax- and
 * scheme-based normalisation of RFC 3986 Sections 6.2.2 and 6.2.3 (case of scheme and host, default
 * port, dot segments, empty path, percent-encoding). Returns null for what is not an http(s) URL.
 */
export function normalizeHtu(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return `${url.protocol}//${url.host}${normalizePercentEncoding(url.pathname)}`;
}

// RFC 3986 Section 6.2.2.2: decode unreserved characters, upper-case the hex digits of the rest.
function normalizePercentEncoding(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}
