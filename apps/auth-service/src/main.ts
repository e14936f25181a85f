import { runService } from '@issuer/nest';
import { AuthServiceModule } from './auth-service.module.js';

await runService('auth-service', AuthServiceModule);
