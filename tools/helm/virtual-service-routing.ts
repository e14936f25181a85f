import type { KubernetesObject } from './render-chart.js';

interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

interface HttpRoute {
  name?: string;
  match?: Array<{ uri?: StringMatch; method?: StringMatch }>;
  route?: Array<{ destination: { host: string } }>;
  retries?: { attempts?: number };
}

export interface RoutingDecision {
  route: string | undefined;
  host: string;
  retryAttempts: number | undefined;
}

/** Where Istio sends a request: the first HTTP route with a matching condition wins (Envoy compares the path without its query). */
export function routeRequest(virtualService: KubernetesObject, method: string, path: string): RoutingDecision | undefined {
  const routes = ((virtualService['spec'] as { http?: HttpRoute[] }).http ?? []);
  const route = routes.find((candidate) => (candidate.match ?? [{}]).some((match) => matches(match.uri, path) && matches(match.method, method)));
  const destination = route?.route?.[0]?.destination;
  if (!route || !destination) return undefined;
  return { route: route.name, host: destination.host, retryAttempts: route.retries?.attempts };
}

function matches(condition: StringMatch | undefined, value: string): boolean {
  if (!condition) return true;
  if (condition.exact !== undefined) return value === condition.exact;
  if (condition.prefix !== undefined) return value.startsWith(condition.prefix);
  // Istio's regex match is RE2 and must match the whole value.
  if (condition.regex !== undefined) return new RegExp(`^(?:${condition.regex})$`).test(value);
  return true;
}
