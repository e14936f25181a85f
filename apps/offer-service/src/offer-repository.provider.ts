import { createOfferRepository, type OfferRepository } from '@issuer/data-access-offer';
import type { Database } from '@issuer/data-access-runtime';
import { DATABASE, EVENT_BUS, OutboxRelay, type EventBus } from '@issuer/nest';

export const OFFER_REPOSITORY = Symbol('OFFER_REPOSITORY');
export const OFFER_OUTBOX = Symbol('OFFER_OUTBOX');

export const offerRepositoryProviders = [
  { provide: OFFER_REPOSITORY, useFactory: (db: Database): OfferRepository => createOfferRepository(db), inject: [DATABASE] },
  { provide: OFFER_OUTBOX, useFactory: (repo: OfferRepository, bus: EventBus) => new OutboxRelay(repo.outbox, bus, { batchSize: 200, intervalMs: 1000 }), inject: [OFFER_REPOSITORY, EVENT_BUS] },
];
