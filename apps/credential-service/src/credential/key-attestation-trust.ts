import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '@issuer/nest';

export const KEY_ATTESTATION_TRUST_ANCHORS = Symbol('KEY_ATTESTATION_TRUST_ANCHORS');

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The Wallet Provider roots of KEY_ATTESTATION_TRUST_ANCHORS, read once at start; a bad file stops the start with its name. */
export const keyAttestationTrustProvider: Provider = {
  provide: KEY_ATTESTATION_TRUST_ANCHORS,
  inject: [PLATFORM_CONFIG],
  useFactory: (config: PlatformConfig): X509Certificate[] =>
    config.keyAttestationTrustAnchorFiles.flatMap((file) => {
      const pems = readFileSync(file, 'utf8').match(PEM_CERTIFICATE);
      if (!pems) throw new Error(`KEY_ATTESTATION_TRUST_ANCHORS: ${file} holds no PEM certificate`);
      return pems.map((pem) => new X509Certificate(pem));
    }),
};
