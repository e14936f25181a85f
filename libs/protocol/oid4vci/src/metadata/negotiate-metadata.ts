/** One entry of an Accept or Accept-Language header with its weight (RFC 9110 Section 12.4.2). */
interface Weighted {
  value: string;
  q: number;
}

function parseWeighted(header: string | undefined): Weighted[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [value = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const q = Number(parameters.find((parameter) => parameter.startsWith('q='))?.slice(2) ?? '1');
      return { value: value.toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ value, q }) => value !== '' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

/**
 * OID4VCI 1.0 Section 12.2.2: signed metadata (`application/jwt`) only when the wallet asks for it
 * above JSON; JSON, which every issuer must support, otherwise.
 */
export function preferredMetadataMediaType(accept: string | undefined): 'application/jwt' | 'application/json' {
  for (const { value } of parseWeighted(accept)) {
    if (value === 'application/jwt') return 'application/jwt';
    if (value === 'application/json' || value === 'application/*' || value === '*/*') return 'application/json';
  }
  return 'application/json';
}

/**
 * OID4VCI 1.0 Section 12.2.2: the language of the display data to send, the wallet's most preferred
 * one the metadata has (`fr-ch` matches `fr-ch`, then `fr`); undefined sends every language.
 */
export function preferredDisplayLocale(acceptLanguage: string | undefined, available: ReadonlySet<string>): string | undefined {
  const locales = [...available].map((locale) => locale.toLowerCase());
  for (const { value } of parseWeighted(acceptLanguage)) {
    if (value === '*') return undefined;
    const match = [value, value.split('-')[0] ?? value].find((candidate) => locales.includes(candidate)) ?? locales.find((locale) => locale.split('-')[0] === value);
    if (match) return [...available].find((locale) => locale.toLowerCase() === match);
  }
  return undefined;
}
