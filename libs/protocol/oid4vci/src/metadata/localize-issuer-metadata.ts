import type { CredentialIssuerMetadata } from './build-issuer-metadata.js';

interface Localized {
  locale?: string;
}

/** Every locale the display data of the metadata is written in. */
export function displayLocales(metadata: CredentialIssuerMetadata): Set<string> {
  const locales = new Set<string>();
  for (const display of displayArrays(metadata)) for (const { locale } of display) if (locale) locales.add(locale);
  return locales;
}

/**
 * OID4VCI 1.0 Section 12.2.2: the metadata with display data in `locale` only (entries without a
 * locale stay), for a response with `Content-Language: locale`.
 */
export function localizeIssuerMetadata(metadata: CredentialIssuerMetadata, locale: string): CredentialIssuerMetadata {
  const keep = <T extends Localized>(display: T[] | undefined): T[] | undefined => display?.filter((entry) => entry.locale === undefined || entry.locale === locale);
  const configurations = Object.fromEntries(
    Object.entries(metadata.credential_configurations_supported).map(([id, configuration]) => {
      const credentialMetadata = configuration.credential_metadata;
      if (!credentialMetadata) return [id, configuration];
      return [
        id,
        {
          ...configuration,
          credential_metadata: {
            ...credentialMetadata,
            ...(credentialMetadata.display && { display: keep(credentialMetadata.display) }),
            ...(credentialMetadata.claims && { claims: credentialMetadata.claims.map((claim) => ({ ...claim, ...(claim.display && { display: keep(claim.display) }) })) }),
          },
        },
      ];
    }),
  );
  return { ...metadata, ...(metadata.display && { display: keep(metadata.display) }), credential_configurations_supported: configurations };
}

function displayArrays(metadata: CredentialIssuerMetadata): Localized[][] {
  const arrays: Localized[][] = [];
  if (metadata.display) arrays.push(metadata.display);
  for (const configuration of Object.values(metadata.credential_configurations_supported)) {
    if (configuration.credential_metadata?.display) arrays.push(configuration.credential_metadata.display);
    for (const claim of configuration.credential_metadata?.claims ?? []) if (claim.display) arrays.push(claim.display);
  }
  return arrays;
}
