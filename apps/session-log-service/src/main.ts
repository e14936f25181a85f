import { runService } from '@issuer/nest';
import { SessionLogServiceModule } from './session-log-service.module.js';

await runService('session-log-service', SessionLogServiceModule);
