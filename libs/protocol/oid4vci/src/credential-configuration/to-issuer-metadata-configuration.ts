import type { ClaimsPathPointer } from '../claims-path-pointer/z-claims-path-pointer.js';
import type { CredentialConfiguration } from './z-credential-configuration.js';

/** One entry of credential_configurations_supported (OID4VCI 1.0 Section 12.2.4). */
export interface IssuerMetadataCredentialConfiguration {
  format: string;
  scope?: string;
  vct?: string;
  doctype?: string;
  credential_definition?: { type: string[] };
  cryptographic_binding_methods_supported?: string[];
  credential_signing_alg_values_supported?: Array<string | number>;
  proof_types_supported?: CredentialConfiguration['proof_types_supported'];
  credential_metadata?: {
    display?: NonNullable<CredentialConfiguration['display']>;
    claims?: Array<{ path: ClaimsPathPointer; mandatory?: boolean; display?: Array<{ name?: string; locale?: string }> }>;
  };
}

export function toIssuerMetadataConfiguration(config: CredentialConfiguration): IssuerMetadataCredentialConfiguration {
  const entry: IssuerMetadataCredentialConfiguration = { format: config.format, ...(config.scope !== undefined && { scope: config.scope }) };
  if (config.format === 'dc+sd-jwt') entry.vct = config.vct;
  if (config.format === 'mso_mdoc') entry.doctype = config.doctype;
  if (config.format === 'jwt_vc_json') entry.credential_definition = config.credential_definition;
  if (config.cryptographic_binding_methods_supported) entry.cryptographic_binding_methods_supported = config.cryptographic_binding_methods_supported;
  if (config.credential_signing_alg_values_supported) entry.credential_signing_alg_values_supported = config.credential_signing_alg_values_supported;
  if (config.proof_types_supported) entry.proof_types_supported = config.proof_types_supported;
  const credentialMetadata: NonNullable<IssuerMetadataCredentialConfiguration['credential_metadata']> = {};
  if (config.display) credentialMetadata.display = config.display;
  // OID4VCI 1.0 Appendix B.2: path, mandatory and display (name, locale) only; `sd` is an issuance
  // setting and a claim's display description belongs to the SD-JWT VC type metadata.
  if (config.claims) {
    credentialMetadata.claims = config.claims.map(({ path, mandatory, display }) => ({
      path,
      ...(mandatory !== undefined && { mandatory }),
      ...(display && { display: display.map(({ name, locale }) => ({ ...(name !== undefined && { name }), ...(locale !== undefined && { locale }) })) }),
    }));
  }
  if (Object.keys(credentialMetadata).length > 0) entry.credential_metadata = credentialMetadata;
  return entry;
}
