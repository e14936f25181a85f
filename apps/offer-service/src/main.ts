import { runService } from '@issuer/nest';
import { OfferServiceModule } from './offer-service.module.js';

await runService('offer-service', OfferServiceModule);
