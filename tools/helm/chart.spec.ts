import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { routeTable } from '@issuer/contracts-routes';
import { registeredRoutes } from '@issuer/platform';
import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import { chartRoutesFile, chartRoutesYaml } from './chart-routes.js';
import { chartDir, isOnPath, parseManifests, renderChart, renderChartText, repoRoot, type KubernetesObject } from './render-chart.js';
import { validateObject } from './validate-objects.js';
import { routeRequest } from './virtual-service-routing.js';

const services = ['offer-service', 'auth-service', 'credential-service', 'deferred-service', 'session-log-service'];
const external = ['ci/external-values.yaml'];
const existingSecrets = ['ci/existing-secrets-values.yaml'];
const renderTimeout = 120_000;

const valuesSchema = JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8')) as object;
const validateValues = new Ajv({ allErrors: true, strict: false }).compile(valuesSchema);
const values = (file: string) => parse(readFileSync(join(chartDir, file), 'utf8')) as Record<string, unknown>;

const byKind = (objects: KubernetesObject[], kind: string) => objects.filter((object) => object.kind === kind);
const named = (objects: KubernetesObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name) as KubernetesObject;
const podSpec = (deployment: KubernetesObject) => (deployment['spec'] as { template: { spec: Record<string, unknown> & { containers: Array<Record<string, any>> } } }).template.spec;

describe('values.yaml and values.schema.json', () => {
  it('the schema is draft-07 and accepts the chart defaults and every CI values file', () => {
    expect((valuesSchema as { $schema: string }).$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const file of ['values.yaml', ...external, ...existingSecrets]) {
      expect({ file, valid: validateValues(values(file)), errors: validateValues.errors ?? [] }).toEqual({ file, valid: true, errors: [] });
    }
  });

  it('the schema rejects a misspelled parameter and a value outside its range', () => {
    expect(validateValues({ ...values('values.yaml'), publicURL: 'https://issuer.example.com' })).toBe(false);
    expect(validateValues({ ...values('values.yaml'), config: { COMPATIBILITY_PROFILE: 'sloppy' } })).toBe(false);
    expect(validateValues({ ...values('values.yaml'), istio: { retries: { attempts: -1 } } })).toBe(false);
  });
});

describe('the object validator', () => {
  const deployment = (container: Record<string, unknown>): KubernetesObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'example' },
    spec: { selector: { matchLabels: { app: 'example' } }, template: { metadata: { labels: { app: 'example' } }, spec: { containers: [{ name: 'example', image: 'example', ...container }] } } },
  });

  it('accepts a well-formed object and rejects a misspelled field, a wrong type and a wrong enum value', () => {
    expect(validateObject(deployment({ readinessProbe: { httpGet: { path: '/health/ready', port: 8080 } } }))).toEqual([]);
    expect(validateObject(deployment({ readinesProbe: { httpGet: { path: '/health/ready', port: 8080 } } }))).toEqual([expect.stringContaining('unknown field spec.template.spec.containers[0].readinesProbe')]);
    expect(validateObject(deployment({ ports: [{ containerPort: 'http' }] }))).toEqual([expect.stringContaining('containerPort must be integer')]);
    const peerAuthentication = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'example' }, spec: { mtls: { mode: 'STRIKT' } } };
    expect(validateObject(peerAuthentication)).toEqual([expect.stringContaining('mode must be equal to one of the allowed values')]);
    expect(validateObject({ apiVersion: 'example.com/v1', kind: 'Unknown', metadata: { name: 'example' } })).toEqual(['Unknown/example: no model for example.com/v1 Unknown']);
  });
});

describe('the chart rendered offline', () => {
  it('refuses to render without the public URL and a database', () => {
    expect(() => renderChartText()).toThrow(/publicUrl is required/);
    expect(() => renderChartText({ valueFiles: [join(repoRoot, 'tools', 'helm', 'fixtures', 'public-url-only.yaml')] })).toThrow(/externalDatabase.url/);
  }, renderTimeout);

  it.each([
    ['external PostgreSQL and NATS, Istio, Prometheus operator', external, ['monitoring.coreos.com/v1']],
    ['existing Secrets, bundled dependencies, no Istio', existingSecrets, []],
  ])('renders only objects their models accept: %s', (_, valueFiles, apiVersions) => {
    const objects = renderChart({ valueFiles, apiVersions });
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.flatMap(validateObject)).toEqual([]);
  }, renderTimeout);

  it('gives every service a hardened Deployment with real probes and a drain, and its Service, ServiceAccount, HPA and PDB', () => {
    const objects = renderChart({ valueFiles: external });
    for (const service of services) {
      const name = `issuer-issuer-platform-${service}`;
      const spec = podSpec(named(objects, 'Deployment', name));
      const [container] = spec.containers;
      expect(container?.['args']).toEqual([service]);
      expect(spec['securityContext']).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(container?.['securityContext']).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container?.['readinessProbe'].httpGet.path).toBe('/health/ready');
      expect(container?.['livenessProbe'].httpGet.path).toBe('/health/live');
      expect(container?.['startupProbe'].httpGet.path).toBe('/health/live');
      expect(container?.['resources'].requests).toHaveProperty('cpu');
      expect(container?.['lifecycle'].preStop.exec.command).toEqual(['sleep', '5']);
      expect(spec['terminationGracePeriodSeconds']).toBe(35);
      expect(spec['serviceAccountName']).toBe(name);
      const annotations = (named(objects, 'Deployment', name)['spec'] as any).template.metadata.annotations;
      expect(parse(annotations['proxy.istio.io/config'])).toEqual({ holdApplicationUntilProxyStarts: true, terminationDrainDuration: '20s', proxyMetadata: { EXIT_ON_ZERO_ACTIVE_CONNECTIONS: 'true' } });
      for (const kind of ['Service', 'ServiceAccount', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'DestinationRule']) expect(named(objects, kind, name)).toBeDefined();
    }
  }, renderTimeout);

  it('runs the offline migrations as a pre-install and pre-upgrade Job with the database URL from a Secret', () => {
    const objects = renderChart({ valueFiles: external });
    const job = named(objects, 'Job', 'issuer-issuer-platform-migrate');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const [container] = podSpec(job).containers;
    expect(container?.['args']).toEqual(['migrate']);
    expect(container?.['env']).toEqual([{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'issuer-issuer-platform-connections', key: 'DATABASE_URL' } } }]);
    expect(named(objects, 'Secret', 'issuer-issuer-platform-connections').metadata.annotations?.['helm.sh/hook-weight']).toBe('-10');
  }, renderTimeout);

  it('keeps secrets in Secrets: no ConfigMap carries a key, a token or a connection URL', () => {
    const objects = renderChart({ valueFiles: external });
    const secretValues = Object.values(named(objects, 'Secret', 'issuer-issuer-platform')['stringData'] as Record<string, string>);
    secretValues.push(...Object.values(named(objects, 'Secret', 'issuer-issuer-platform-connections')['stringData'] as Record<string, string>));
    secretValues.push(...Object.values(named(objects, 'Secret', 'issuer-issuer-platform-issuer-keys')['stringData'] as Record<string, string>));
    expect(secretValues.length).toBe(8);
    const configMaps = JSON.stringify(byKind(objects, 'ConfigMap'));
    for (const value of secretValues) expect(configMaps.includes(value)).toBe(false);
    expect(JSON.stringify(byKind(objects, 'Deployment'))).not.toMatch(/postgres:\/\/|BEGIN EC PRIVATE KEY/);
  }, renderTimeout);

  it('uses the operator\'s Secrets as they are, creating none of its own', () => {
    const objects = renderChart({ valueFiles: existingSecrets });
    expect(byKind(objects, 'Secret')).toEqual([]);
    const envFrom = podSpec(named(objects, 'Deployment', 'issuer-issuer-platform-auth-service')).containers[0]?.['envFrom'];
    expect(envFrom).toEqual([
      { configMapRef: { name: 'issuer-issuer-platform-config' } },
      { secretRef: { name: 'issuer-platform-secrets' } },
      { secretRef: { name: 'issuer-platform-keys' } },
    ]);
    expect(objects.some((object) => object.apiVersion.includes('istio.io'))).toBe(false);
  }, renderTimeout);

  it('creates a ServiceMonitor only where the Prometheus operator\'s API is served', () => {
    expect(byKind(renderChart({ valueFiles: external, apiVersions: ['monitoring.coreos.com/v1'] }), 'ServiceMonitor')).toHaveLength(1);
    expect(byKind(renderChart({ valueFiles: external }), 'ServiceMonitor')).toHaveLength(0);
  }, renderTimeout);

  it('prints NOTES with the public URL and how to read the admin API key', () => {
    const notes = renderChartText({ valueFiles: external, notes: true });
    expect(notes).toContain('https://issuer.example.com/.well-known/openid-credential-issuer');
    expect(notes).toContain("get secret issuer-issuer-platform -o jsonpath='{.data.ADMIN_API_KEY}'");
  }, renderTimeout);
});

describe('the mesh routes what the platform serves', () => {
  it('the chart\'s routes file is the shared route table', () => {
    const file = join(repoRoot, chartRoutesFile);
    // UPDATE_CHART_FILES=1 rewrites the file from libs/contracts/routes.
    if (process.env['UPDATE_CHART_FILES'] === '1') writeFileSync(file, chartRoutesYaml());
    expect(readFileSync(file, 'utf8')).toBe(chartRoutesYaml());
  });

  it('routes every path of the route table to the service that owns it, and nothing else', () => {
    const objects = renderChart({ valueFiles: external });
    const [virtualService] = byKind(objects, 'VirtualService');
    expect(virtualService?.['spec']).toMatchObject({ hosts: ['issuer.example.com'], gateways: ['issuer-issuer-platform'] });
    for (const route of routeTable) {
      const path = route.path.endsWith('/') ? `${route.path}example/123` : route.path;
      const host = `issuer-issuer-platform-${route.service}.issuer.svc.cluster.local`;
      for (const method of ['GET', 'POST', 'DELETE']) expect({ path, method, host: routeRequest(virtualService as KubernetesObject, method, path)?.host }).toEqual({ path, method, host });
    }
    for (const path of ['/tokenx', '/credentials', '/v1/logs', '/health/ready', '/']) expect(routeRequest(virtualService as KubernetesObject, 'GET', path)).toBeUndefined();
  }, renderTimeout);

  it('routes every path a service registers, with its method, to that service; the OTLP receiver stays internal', () => {
    const [virtualService] = byKind(renderChart({ valueFiles: external }), 'VirtualService') as [KubernetesObject];
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(40);
    for (const { service, method, path } of routes) {
      const concrete = path.replace(/:\w+/g, 'example');
      const expected = path === '/v1/logs' ? undefined : `issuer-issuer-platform-${service}.issuer.svc.cluster.local`;
      expect({ method, path, host: routeRequest(virtualService, method, concrete)?.host }).toEqual({ method, path, host: expected });
    }
  }, renderTimeout);

  it('retries reads only: no POST is retried, so /token and /credential are never sent twice', () => {
    const [virtualService] = byKind(renderChart({ valueFiles: external }), 'VirtualService') as [KubernetesObject];
    for (const route of routeTable) {
      const path = route.path.endsWith('/') ? `${route.path}example` : route.path;
      expect({ path, attempts: routeRequest(virtualService, 'POST', path)?.retryAttempts }).toEqual({ path, attempts: 0 });
      expect({ path, attempts: routeRequest(virtualService, 'GET', path)?.retryAttempts }).toEqual({ path, attempts: 2 });
    }
  }, renderTimeout);

  it('keeps the management API off the public gateway when it is not public', () => {
    const objects = renderChart({ valueFiles: [...external, join(repoRoot, 'tools', 'helm', 'fixtures', 'private-management-api.yaml')] });
    const [virtualService] = byKind(objects, 'VirtualService') as [KubernetesObject];
    expect(routeRequest(virtualService, 'GET', '/admin/v1/issuances')).toBeUndefined();
    expect(routeRequest(virtualService, 'GET', '/admin/v1/sessions/s1')).toBeUndefined();
    expect(routeRequest(virtualService, 'POST', '/token')?.host).toBe('issuer-issuer-platform-auth-service.issuer.svc.cluster.local');
    const management = named(objects, 'AuthorizationPolicy', 'issuer-issuer-platform-management-api')['spec'] as any;
    expect(management.rules).toEqual([{ from: [{ source: { principals: ['cluster.local/ns/backoffice/sa/issuance-backend'] } }], to: [{ operation: { paths: ['/admin/*', '/admin'] } }] }]);
  }, renderTimeout);

  it('denies by default and lets only the allowed principals reach the management API and the OTLP receivers', () => {
    const objects = renderChart({ valueFiles: external });
    expect(named(objects, 'PeerAuthentication', 'issuer-issuer-platform')['spec']).toMatchObject({ mtls: { mode: 'STRICT' } });
    expect(named(objects, 'AuthorizationPolicy', 'issuer-issuer-platform-deny-all')['spec']).not.toHaveProperty('rules');
    const management = JSON.stringify(named(objects, 'AuthorizationPolicy', 'issuer-issuer-platform-management-api')['spec']);
    expect(management).toContain('cluster.local/ns/backoffice/sa/issuance-backend');
    expect(management).toContain('"requestPrincipals":["*"]');
    const publicPolicy = named(objects, 'AuthorizationPolicy', 'issuer-issuer-platform-public')['spec'] as any;
    expect(publicPolicy.rules[0].to[0].operation.notPaths).toEqual(expect.arrayContaining(['/admin/*', '/v1/logs']));
    const otlp = named(objects, 'AuthorizationPolicy', 'issuer-issuer-platform-otlp-receiver')['spec'] as any;
    expect(otlp.rules[0].from[0].source.principals).toEqual(expect.arrayContaining(['cluster.local/ns/issuer/sa/issuer-issuer-platform-auth-service', 'cluster.local/ns/observability/sa/otel-gateway']));
    const collector = named(objects, 'Deployment', 'issuer-issuer-platform-otel-collector')['spec'] as any;
    expect(collector.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    const [requestAuthentication] = byKind(objects, 'RequestAuthentication') as [any];
    expect(requestAuthentication.spec.jwtRules[0].fromHeaders).toEqual([{ name: 'X-Management-Authorization', prefix: 'Bearer ' }]);
  }, renderTimeout);
});

describe('helm itself, where it is installed', () => {
  const helm = isOnPath('helm', ['version']);

  // Registered only where helm is on PATH: nothing here can install it.
  if (helm) it('helm lint passes and helm template renders only objects their models accept', () => {
    // Helm refuses a chart whose dependencies were not fetched, even switched off; these values switch
    // them off, so a copy without them is linted rather than fetching the NATS and PostgreSQL charts.
    const copy = join(mkdtempSync(join(tmpdir(), 'issuer-chart-')), 'issuer-platform');
    cpSync(chartDir, copy, { recursive: true });
    const chart = parse(readFileSync(join(copy, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
    delete chart['dependencies'];
    writeFileSync(join(copy, 'Chart.yaml'), stringify(chart));
    const valuesFile = join(chartDir, external[0] as string);
    execFileSync('helm', ['lint', copy, '-f', valuesFile], { stdio: 'pipe' });
    const rendered = parseManifests(execFileSync('helm', ['template', 'issuer', copy, '-n', 'issuer', '-f', valuesFile], { encoding: 'utf8' }));
    expect(rendered.flatMap(validateObject)).toEqual([]);
    expect(rendered.map((object) => `${object.kind}/${object.metadata.name}`).sort()).toEqual(renderChart({ valueFiles: external }).map((object) => `${object.kind}/${object.metadata.name}`).sort());
  }, renderTimeout);
});
