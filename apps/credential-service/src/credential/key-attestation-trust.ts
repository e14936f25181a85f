import type { X509Certificate } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { PLATFORM_CONFIG, readTrustAnchors, type PlatformConfig } from '@issuer/nest';

export const KEY_ATTESTATION_TRUST_ANCHORS = Symbol('KEY_ATTESTATION_TRUST_ANCHORS');

/** The Wallet Provider roots of KEY_ATTESTATION_TRUST_ANCHORS. */
export const keyAttestationTrustProvider: Provider = {
  provide: KEY_ATTESTATION_TRUST_ANCHORS,
  inject: [PLATFORM_CONFIG],
  useFactory: (config: PlatformConfig): X509Certificate[] => readTrustAnchors(config.keyAttestationTrustAnchorFiles, 'KEY_ATTESTATION_TRUST_ANCHORS'),
};
