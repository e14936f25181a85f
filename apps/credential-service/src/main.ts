import { runService } from '@issuer/nest';
import { CredentialServiceModule } from './credential-service.module.js';

await runService('credential-service', CredentialServiceModule);
