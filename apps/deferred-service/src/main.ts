import { runService } from '@issuer/nest';
import { DeferredServiceModule } from './deferred-service.module.js';

await runService('deferred-service', DeferredServiceModule);
