import { z } from 'zod';
import { isTypeMetadataPath, TYPE_METADATA_PATH_PREFIX } from './issuer-hosted-type.js';
import { findClaimsDescriptionConflict, zClaimsDescription } from './z-claims-description.js';

const zImage = z.strictObject({ uri: z.string().min(1), alt_text: z.string().optional() });

// OID4VCI 1.0 Section 12.2.4: credential_metadata.display.
export const zCredentialDisplay = z.strictObject({
  name: z.string().min(1),
  locale: z.string().optional(),
  logo: zImage.optional(),
  description: z.string().optional(),
  background_color: z.string().optional(),
  background_image: z.strictObject({ uri: z.string().min(1) }).optional(),
  text_color: z.string().optional(),
});

// OID4VCI 1.0 Section 12.2.4: proof_types_supported, keyed by proof type (Appendix F).
export const zProofTypesSupported = z.record(
  z.string().min(1),
  z.strictObject({
    proof_signing_alg_values_supported: z.array(z.string().min(1)).min(1),
    key_attestations_required: z
      .strictObject({
        key_storage: z.array(z.string()).min(1).optional(),
        user_authentication: z.array(z.string()).min(1).optional(),
      })
      .optional(),
  }),
);

export const DEFAULT_VALIDITY_SECONDS = 365 * 24 * 3600;

const common = {
  /** The credential_configuration_id: the key in credential_configurations_supported. */
  id: z.string().min(1),
  // OID4VCI 1.0 Section 12.2.4: scope is OPTIONAL; HAIP 1.0 Section 4.1 requires one for every configuration (see haipScopeProblem).
  scope: z.string().min(1).optional(),
  cryptographic_binding_methods_supported: z.array(z.string().min(1)).min(1).optional(),
  // OID4VCI 1.0 Appendix A.2.2: mso_mdoc uses COSE algorithm numbers.
  credential_signing_alg_values_supported: z.array(z.union([z.string().min(1), z.number().int()])).min(1).optional(),
  proof_types_supported: zProofTypesSupported.optional(),
  display: z.array(zCredentialDisplay).min(1).optional(),
  claims: z.array(zClaimsDescription).min(1).optional(),
  validity_seconds: z.number().int().positive().default(DEFAULT_VALIDITY_SECONDS),
  /** Whether issued credentials carry a Token Status List entry, so that they can be suspended or revoked. */
  status_list: z.boolean().default(true),
};

// OID4VCI 1.0 Appendix A.3.2
const zSdJwtVcConfiguration = z.strictObject({ ...common, format: z.literal('dc+sd-jwt'), vct: z.string().min(1) });
// OID4VCI 1.0 Appendix A.2.2
const zMdocConfiguration = z.strictObject({ ...common, format: z.literal('mso_mdoc'), doctype: z.string().min(1) });
// OID4VCI 1.0 Appendix A.1.1.2
const zJwtVcJsonConfiguration = z.strictObject({
  ...common,
  format: z.literal('jwt_vc_json'),
  credential_definition: z.strictObject({ type: z.array(z.string().min(1)).min(1) }),
});

// SD-JWT VC Section 3.2.2: registered JWT claims the issuer sets itself, and the SD-JWT's own members.
const SD_JWT_VC_RESERVED_CLAIMS = ['iss', 'nbf', 'exp', 'iat', 'cnf', 'vct', 'vct#integrity', 'status', '_sd', '_sd_alg', '...'];

export const zCredentialConfiguration = z
  .discriminatedUnion('format', [zSdJwtVcConfiguration, zMdocConfiguration, zJwtVcJsonConfiguration])
  .superRefine((config, ctx) => {
    // OID4VCI 1.0 Section 12.2.4: proof_types_supported MUST be present if cryptographic_binding_methods_supported is, and omitted otherwise.
    if ((config.cryptographic_binding_methods_supported === undefined) !== (config.proof_types_supported === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['proof_types_supported'],
        message: 'proof_types_supported and cryptographic_binding_methods_supported must be given together or not at all',
      });
    }
    const claims = config.claims ?? [];
    const conflict = findClaimsDescriptionConflict(claims);
    if (conflict) ctx.addIssue({ code: 'custom', path: ['claims'], message: conflict });
    if (config.format !== 'dc+sd-jwt') {
      claims.forEach((claim, index) => {
        if (claim.sd !== undefined) ctx.addIssue({ code: 'custom', path: ['claims', index, 'sd'], message: `selective disclosure is a dc+sd-jwt setting; ${config.format} has none` });
      });
    }
    if (config.format === 'dc+sd-jwt') {
      // SD-JWT VC Section 3.2.2.1: a vct is a Collision-Resistant Name; a path names a type of this issuer (resolved at load).
      if (config.vct.startsWith('/') && !isTypeMetadataPath(config.vct)) {
        ctx.addIssue({ code: 'custom', path: ['vct'], message: `a vct given as a path must be ${TYPE_METADATA_PATH_PREFIX}<name> (letters, digits, ".", "_", "~", "-")` });
      }
      claims.forEach((claim, index) => {
        const first = claim.path[0];
        if (typeof first === 'string' && SD_JWT_VC_RESERVED_CLAIMS.includes(first)) {
          ctx.addIssue({ code: 'custom', path: ['claims', index, 'path'], message: `"${first}" is set by the issuer and cannot be a claim` });
        }
      });
    }
  });

export type CredentialConfiguration = z.infer<typeof zCredentialConfiguration>;
export type CredentialConfigurationInput = z.input<typeof zCredentialConfiguration>;
export type CredentialFormatIdentifier = CredentialConfiguration['format'];
export type SdJwtVcCredentialConfiguration = Extract<CredentialConfiguration, { format: 'dc+sd-jwt' }>;
export type MdocCredentialConfiguration = Extract<CredentialConfiguration, { format: 'mso_mdoc' }>;
export type JwtVcJsonCredentialConfiguration = Extract<CredentialConfiguration, { format: 'jwt_vc_json' }>;

/** HAIP 1.0 Section 4.1: the Credential Issuer metadata includes a scope for every Credential Configuration. */
export function haipScopeProblem(configuration: Pick<CredentialConfiguration, 'id' | 'scope'>): string | undefined {
  if (configuration.scope !== undefined) return undefined;
  return `credential configuration ${configuration.id} has no scope, which HAIP 1.0 Section 4.1 requires of every credential configuration`;
}
