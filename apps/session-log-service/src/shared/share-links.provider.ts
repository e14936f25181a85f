import { PLATFORM_CONFIG, PLATFORM_SECRETS, ShareLinks, type PlatformConfig, type PlatformSecrets } from '@issuer/nest';

export const shareLinksProvider = {
  provide: ShareLinks,
  useFactory: (secrets: PlatformSecrets, config: PlatformConfig): ShareLinks => new ShareLinks(secrets.nonceSecret, config.publicUrl),
  inject: [PLATFORM_SECRETS, PLATFORM_CONFIG],
};
