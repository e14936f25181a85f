/** Where a `spec_ref` such as "OID4VCI 1.0 Section 8.2" or "RFC 9449 Section 8" is published, down to the section where the document has anchors. */
const documents: Array<{ pattern: RegExp; url: (name: string) => string; sections: boolean }> = [
  { pattern: /^OID4VCI 1\.0\b/, url: () => 'https://openid.net/specs/openid-4-verifiable-credential-issuance-1_0.html', sections: true },
  { pattern: /^HAIP 1\.0\b/, url: () => 'https://openid.net/specs/openid4vc-high-assurance-interoperability-profile-1_0.html', sections: true },
  { pattern: /^OpenID4VP 1\.0\b/, url: () => 'https://openid.net/specs/openid-4-verifiable-presentations-1_0.html', sections: true },
  { pattern: /^OpenID Connect Core 1\.0\b/, url: () => 'https://openid.net/specs/openid-connect-core-1_0.html', sections: false },
  { pattern: /^SIOPv2\b/, url: () => 'https://openid.net/specs/openid-connect-self-issued-v2-1_0.html', sections: false },
  { pattern: /^RFC (\d{3,5})\b/, url: (name) => `https://www.rfc-editor.org/rfc/rfc${/\d+/.exec(name)?.[0]}`, sections: true },
  { pattern: /^Token Status List\b/, url: () => 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-status-list', sections: true },
  { pattern: /^SD-JWT VC\b/, url: () => 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-sd-jwt-vc', sections: true },
  { pattern: /^draft-[a-z0-9-]+?(?=(?:-\d\d)?(?:\s|$))/, url: (name) => `https://datatracker.ietf.org/doc/html/${name}`, sections: true },
];

export function specLink(specRef: string): string | null {
  const ref = specRef.trim();
  for (const document of documents) {
    const match = document.pattern.exec(ref);
    if (!match) continue;
    const base = document.url(match[0]);
    const section = /\bSection (\d+(?:\.\d+)*)/.exec(ref)?.[1];
    const appendix = /\bAppendix ([A-Z](?:\.\d+)*)/.exec(ref)?.[1];
    if (!document.sections) return base;
    if (section) return `${base}#section-${section}`;
    if (appendix) return `${base}#appendix-${appendix}`;
    return base;
  }
  return null;
}
