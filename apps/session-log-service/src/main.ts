import { OTLP_BODY_LIMIT_BYTES } from '@issuer/contracts-routes';
import { runService } from '@issuer/nest';
import { SessionLogServiceModule } from './session-log-service.module.js';

await runService('session-log-service', SessionLogServiceModule, { bodyLimitBytes: OTLP_BODY_LIMIT_BYTES });
