import type { ClaimsDescription, ClaimsPathPointer, SdJwtVcCredentialConfiguration } from '@issuer/protocol-oid4vci';

/** SD-JWT VC Section 8.1.1: the "simple" rendering method. */
export interface SimpleRendering {
  logo?: { uri: string; alt_text?: string };
  background_image?: { uri: string };
  background_color?: string;
  text_color?: string;
}

/** SD-JWT VC Section 8: display information of the type for one locale. */
export interface TypeDisplay {
  locale: string;
  name: string;
  description?: string;
  rendering?: { simple: SimpleRendering };
}

/** SD-JWT VC Section 9.2: display information of a claim for one locale. */
export interface ClaimDisplay {
  locale: string;
  label: string;
  description?: string;
}

/** SD-JWT VC Section 9. */
export interface ClaimMetadata {
  path: ClaimsPathPointer;
  display?: ClaimDisplay[];
  mandatory?: boolean;
  sd: 'always' | 'allowed' | 'never';
}

/** SD-JWT VC Section 6.2: the Type Metadata document. */
export interface TypeMetadata {
  vct: string;
  name?: string;
  description?: string;
  display?: TypeDisplay[];
  claims?: ClaimMetadata[];
}

/**
 * The type metadata of an SD-JWT VC configuration: its display per locale, and per described claim
 * its labels, whether it is mandatory, and whether it is selectively disclosable exactly as
 * issueSdJwtVc discloses it. Display entries without a locale are left out: SD-JWT VC Sections 8
 * and 9.2 require one (OID4VCI 1.0 does not).
 */
export function buildTypeMetadata(configuration: SdJwtVcCredentialConfiguration): TypeMetadata {
  const display = (configuration.display ?? []).flatMap(typeDisplay);
  const claims = (configuration.claims ?? []).map(claimMetadata);
  // SD-JWT VC Section 6.2: name and description are for developers; the English display, else the first.
  const forDevelopers = display.find((entry) => entry.locale === 'en' || entry.locale.startsWith('en-')) ?? display[0];
  return {
    vct: configuration.vct,
    ...(forDevelopers && { name: forDevelopers.name }),
    ...(forDevelopers?.description !== undefined && { description: forDevelopers.description }),
    ...(display.length > 0 && { display }),
    ...(claims.length > 0 && { claims }),
  };
}

function typeDisplay(entry: NonNullable<SdJwtVcCredentialConfiguration['display']>[number]): TypeDisplay[] {
  if (entry.locale === undefined) return [];
  const simple: SimpleRendering = {
    ...(entry.logo && { logo: { uri: entry.logo.uri, ...(entry.logo.alt_text !== undefined && { alt_text: entry.logo.alt_text }) } }),
    ...(entry.background_image && { background_image: { uri: entry.background_image.uri } }),
    ...(entry.background_color !== undefined && { background_color: entry.background_color }),
    ...(entry.text_color !== undefined && { text_color: entry.text_color }),
  };
  return [
    {
      locale: entry.locale,
      name: entry.name,
      ...(entry.description !== undefined && { description: entry.description }),
      ...(Object.keys(simple).length > 0 && { rendering: { simple } }),
    },
  ];
}

function claimMetadata(description: ClaimsDescription): ClaimMetadata {
  const display = (description.display ?? []).flatMap((entry): ClaimDisplay[] =>
    entry.locale === undefined || entry.name === undefined
      ? []
      : [{ locale: entry.locale, label: entry.name, ...(entry.description !== undefined && { description: entry.description }) }],
  );
  return {
    path: description.path,
    ...(display.length > 0 && { display }),
    ...(description.mandatory !== undefined && { mandatory: description.mandatory }),
    // SD-JWT VC Section 9.4: buildDisclosureFrame makes every described claim selectively disclosable unless it says "never".
    sd: description.sd === 'never' ? 'never' : 'always',
  };
}
