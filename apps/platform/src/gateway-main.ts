import type { ServiceName } from '@issuer/contracts-routes';
import { exitOnSignals, loadPlatformConfig } from '@issuer/nest';
import { closeGateway, startGateway } from './gateway.js';

/** The gateway alone (docker-compose): upstream URLs from UPSTREAM_<SERVICE> variables. */
const config = loadPlatformConfig();
const services: ServiceName[] = ['offer-service', 'auth-service', 'credential-service', 'deferred-service', 'session-log-service'];
const upstreams = Object.fromEntries(
  services.map((service) => {
    const name = `UPSTREAM_${service.replace(/-/g, '_').toUpperCase()}`;
    const url = process.env[name];
    if (!url) throw new Error(`${name} is required`);
    return [service, new URL(url)];
  }),
) as Record<ServiceName, URL>;
const gateway = await startGateway(config.port, config.host, upstreams);
process.stdout.write(`gateway listening on ${config.port}\n`);
exitOnSignals(() => closeGateway(gateway), (message, error) => process.stderr.write(`${message}${error ? `: ${String(error)}` : ''}\n`), 'gateway');
