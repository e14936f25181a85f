import { z } from 'zod';

/**
 * How the issuer meets wallets that speak an older draft. `strict-1.0` and `haip` answer a draft
 * request with the 1.0 error and a `help` naming the 1.0 field to send; `lenient` translates it at
 * the edge and records on the timeline what it translated.
 */
export const COMPATIBILITY_PROFILES = ['strict-1.0', 'haip', 'lenient'] as const;
export const zCompatibilityProfile = z.enum(COMPATIBILITY_PROFILES);
export type CompatibilityProfile = z.infer<typeof zCompatibilityProfile>;

export function translatesDrafts(profile: CompatibilityProfile): boolean {
  return profile === 'lenient';
}

/** The issuance's own profile when it names a known one, otherwise the issuer's. */
export function effectiveProfile(issuanceProfile: string | null | undefined, issuerProfile: CompatibilityProfile): CompatibilityProfile {
  const parsed = zCompatibilityProfile.safeParse(issuanceProfile);
  return parsed.success ? parsed.data : issuerProfile;
}
