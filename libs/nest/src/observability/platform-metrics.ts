import { metrics, type Counter, type Histogram, type MeterProvider } from '@opentelemetry/api';
import { subjects } from '@issuer/contracts-events';

export const platformMeterName = 'issuer-platform';

/** Instrument names: the semantic conventions' where one exists (HTTP server request duration), else `issuer.*`. */
export const metricNames = {
  requestDuration: 'http.server.request.duration',
  errors: 'issuer.errors',
  issuanceSteps: 'issuer.issuance.steps',
  issuances: 'issuer.issuances',
} as const;

/** The steps of an issuance as the funnel counts them, by the event that records each. */
export const issuanceStepOf: Partial<Record<string, string>> = {
  [subjects.offerCreated]: 'offer_created',
  [subjects.offerRetrieved]: 'offer_fetched',
  [subjects.tokenIssued]: 'token_issued',
  [subjects.credentialIssued]: 'credential_issued',
  [subjects.credentialDeferred]: 'credential_deferred',
  [subjects.credentialAcked]: 'deferred_collected',
  [subjects.credentialAccepted]: 'credential_accepted',
  [subjects.credentialFailure]: 'credential_failure_reported',
  [subjects.credentialDeleted]: 'credential_deleted_reported',
  [subjects.credentialDenied]: 'credential_denied',
};

/** How an issuance ended, for the events that end one (or one of its credentials). */
export const issuanceOutcomeOf: Partial<Record<string, string>> = {
  [subjects.credentialIssued]: 'issued',
  [subjects.credentialDeferred]: 'deferred',
  [subjects.credentialDenied]: 'denied',
  // The wallet's notification (OID4VCI 1.0 Section 11.1): it could not store what it got.
  [subjects.credentialFailure]: 'failed',
};

interface Instruments {
  provider: MeterProvider;
  requestDuration: Histogram;
  errors: Counter;
  issuanceSteps: Counter;
  issuances: Counter;
}

let instruments: Instruments | undefined;

/**
 * Created once per meter provider: without one (no OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) the API's
 * no-op instruments record nothing and cost a property lookup.
 */
function current(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider === provider) return instruments;
  const meter = provider.getMeter(platformMeterName);
  instruments = {
    provider,
    requestDuration: meter.createHistogram(metricNames.requestDuration, {
      unit: 's',
      description: 'Duration of HTTP server requests, by route, method, status and wallet.',
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] },
    }),
    errors: meter.createCounter(metricNames.errors, { description: 'Error responses, by error code, route and wallet.' }),
    issuanceSteps: meter.createCounter(metricNames.issuanceSteps, { description: 'Issuance steps reached (the funnel), by step.' }),
    issuances: meter.createCounter(metricNames.issuances, { description: 'Issuances ended, by outcome.' }),
  };
  return instruments;
}

export interface ServedRequest {
  /** The route's pattern (`/credential-offer/:id`), never the concrete path, so series stay few. */
  route: string;
  method: string;
  status: number;
  durationMs: number;
  /** The response's `error` code, else the status. */
  errorCode?: string;
  wallet: string;
}

export function recordRequest(request: ServedRequest): void {
  const { requestDuration, errors } = current();
  const route = { 'http.route': request.route, 'http.request.method': request.method, wallet: request.wallet };
  requestDuration.record(request.durationMs / 1000, { ...route, 'http.response.status_code': request.status });
  if (request.status >= 400) errors.add(1, { ...route, 'error.type': request.errorCode ?? String(request.status), 'http.response.status_code': request.status });
}

/** Counts an issuance event once the bus has taken it (a duplicate the bus dropped is not counted). */
export function recordIssuanceEvent(type: string): void {
  const step = issuanceStepOf[type];
  if (step === undefined) return;
  const { issuanceSteps, issuances } = current();
  issuanceSteps.add(1, { step });
  const outcome = issuanceOutcomeOf[type];
  if (outcome !== undefined) issuances.add(1, { outcome });
}
