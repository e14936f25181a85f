import { randomBytes } from 'node:crypto';
import { exitOnSignals, loadPlatformConfig } from '@issuer/nest';
import { createDemoOffer } from './demo-offer.js';
import { startEmbeddedPlatform } from './embedded-platform.js';

const config = loadPlatformConfig();
const generatedKey = config.adminApiKey === undefined;
config.adminApiKey ??= randomBytes(24).toString('base64url');

const platform = await startEmbeddedPlatform(config);
await platform.app.listen({ port: config.port, host: config.host });

const demo = await createDemoOffer(platform.app, config.adminApiKey);
const lines = [
  '',
  `Issuer platform (embedded) listening on ${config.publicUrl}`,
  `  Issuer metadata   ${config.publicUrl}/.well-known/openid-credential-issuer`,
  `  AS metadata       ${config.publicUrl}/.well-known/oauth-authorization-server`,
  `  Management API    ${config.publicUrl}/admin/v1/issuances`,
  `  Session timeline  ${config.publicUrl}/admin/v1/sessions/${demo.sessionId}`,
  `  Data directory    ${config.dataDir}`,
  generatedKey ? `  Admin API key     ${config.adminApiKey}   (generated; set ADMIN_API_KEY to choose one)` : '  Admin API key     from ADMIN_API_KEY',
  '',
  'Demo PID offer (scan with a wallet, or paste the link):',
  `  ${demo.offerUrl}`,
  demo.qr,
];
process.stdout.write(`${lines.join('\n')}\n`);

exitOnSignals(() => platform.close(), (message, error) => (error ? platform.infrastructure.log.error({ err: error }, message) : platform.infrastructure.log.info(message)), 'issuer platform');
