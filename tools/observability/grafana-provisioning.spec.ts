import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { issuanceOutcomeOf, issuanceStepOf, metricNames } from '@issuer/nest';
import { compose, dashboards, datasources, grafanaDir, grafanaVariables, yamlFile, type Dashboard, type Panel } from './observability-files.js';

const datasourceTypes = ['prometheus', 'tempo', 'loki', 'yesoreyeram-infinity-datasource'];
const panelTypes = new Set(['timeseries', 'stat', 'bargauge', 'table', 'logs', 'traces', 'gauge', 'barchart', 'text', 'nodeGraph', 'piechart']);

/** The Prometheus names the collector's exporter gives the platform's instruments (unit and `_total` suffixes). */
const prometheusMetrics = new Set([
  ...['bucket', 'count', 'sum'].map((suffix) => `${metricNames.requestDuration.replaceAll('.', '_')}_seconds_${suffix}`),
  ...[metricNames.errors, metricNames.issuanceSteps, metricNames.issuances].map((name) => `${name.replaceAll('.', '_')}_total`),
  // The collector's spanmetrics connector.
  'traces_span_metrics_calls_total',
  'traces_span_metrics_duration_milliseconds_bucket',
]);

const byUid = new Map(datasources().map((datasource) => [datasource.uid, datasource]));
const grafanaService = () => compose().services['grafana'] ?? {};

function variablesUsed(panel: Panel): string[] {
  const text = JSON.stringify(panel);
  return [...text.matchAll(/\$(?:\{(\w+)|(\w+))/g)].map((match) => (match[1] ?? match[2]) as string).filter((name) => !name.startsWith('__'));
}

function exprs(dashboard: Dashboard): string[] {
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target['expr'] as string | undefined)).filter((expr): expr is string => typeof expr === 'string');
}

const dashboard = (uid: string) => dashboards().find(({ dashboard }) => dashboard.uid === uid)?.dashboard as Dashboard;

describe('Grafana datasources (observability/grafana/provisioning/datasources)', () => {
  it('gives each datasource the fields Grafana needs, with unique uids and known types', () => {
    const all = datasources();
    expect(all.map((datasource) => datasource.type).sort()).toEqual([...datasourceTypes].sort());
    expect(new Set(all.map((datasource) => datasource.uid)).size).toBe(all.length);
    for (const datasource of all) {
      expect(datasource).toMatchObject({ name: expect.any(String), uid: expect.stringMatching(/^[a-z0-9-]{1,40}$/), access: 'proxy', url: expect.stringMatching(/^\$\{ISSUER_\w+_URL\}$/) });
    }
  });

  it('links traces to logs (Tempo to Loki) and logs to traces and to the session page (Loki derived fields)', () => {
    const tempo = byUid.get('issuer-tempo');
    expect(byUid.get(tempo?.jsonData?.['tracesToLogsV2'].datasourceUid)?.type).toBe('loki');
    expect(tempo?.jsonData?.['tracesToLogsV2'].filterByTraceID).toBe(true);
    const fields = byUid.get('issuer-loki')?.jsonData?.['derivedFields'] as Array<Record<string, string>>;
    const trace = fields.find((field) => field['matcherRegex'] === 'trace_id');
    expect(byUid.get(trace?.['datasourceUid'] ?? '')?.type).toBe('tempo');
    expect(trace?.['url']).toBe('$${__value.raw}');
    const session = fields.find((field) => field['matcherRegex'] === 'session_id');
    expect(session?.['url']).toBe('${ISSUER_PUBLIC_URL}/ui/sessions/$${__value.raw}');
  });

  it('reaches the session-log API through Infinity with the admin API key from the environment, never a literal key', () => {
    const infinity = byUid.get('issuer-session-log');
    expect(infinity?.jsonData).toMatchObject({ httpHeaderName1: 'Authorization', allowedHosts: [infinity?.url] });
    expect(infinity?.secureJsonData).toEqual({ httpHeaderValue1: 'Bearer ${ISSUER_ADMIN_API_KEY}' });
  });

  it('uses only variables docker-compose.yml gives Grafana', () => {
    const text = readFileSync(join(grafanaDir, 'provisioning', 'datasources', 'issuer-platform.yaml'), 'utf8');
    const used = new Set(grafanaVariables(text));
    expect([...used].sort()).toEqual(['ISSUER_ADMIN_API_KEY', 'ISSUER_LOKI_URL', 'ISSUER_PROMETHEUS_URL', 'ISSUER_PUBLIC_URL', 'ISSUER_SESSION_LOG_URL', 'ISSUER_TEMPO_URL']);
    const environment = grafanaService().environment ?? {};
    for (const variable of used) expect({ variable, set: variable in environment }).toEqual({ variable, set: true });
    expect(environment['GF_INSTALL_PLUGINS']).toMatch(/^yesoreyeram-infinity-datasource \d+\.\d+\.\d+$/);
  });
});

describe('Grafana dashboards (observability/grafana/dashboards)', () => {
  it('loads from the folder the dashboards provider names, as docker-compose.yml mounts it', () => {
    const { providers } = yamlFile<{ providers: Array<{ type: string; options: { path: string } }> }>(join(grafanaDir, 'provisioning', 'dashboards', 'issuer-platform.yaml'));
    expect(providers).toHaveLength(1);
    expect(providers[0]?.type).toBe('file');
    expect(grafanaService().volumes).toContain(`./observability/grafana/dashboards:${providers[0]?.options.path}:ro`);
  });

  it('gives every dashboard a unique uid, a title and panels Grafana can place, of known types, with queries', () => {
    const all = dashboards();
    expect(all.map(({ dashboard }) => dashboard.uid).sort()).toEqual(['issuer-errors', 'issuer-issuance', 'issuer-latency', 'issuer-platform', 'issuer-session']);
    for (const { file, dashboard } of all) {
      expect(file).toBe(`${dashboard.uid}.json`);
      expect(dashboard.title).toMatch(/^Issuer platform/);
      expect(dashboard.panels.length).toBeGreaterThan(0);
      expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
      for (const panel of dashboard.panels) {
        const where = `${dashboard.uid} panel ${panel.id}`;
        expect({ where, type: panelTypes.has(panel.type) }).toEqual({ where, type: true });
        const { x, y, w, h } = panel.gridPos;
        for (const value of [x, y, w, h]) expect(Number.isInteger(value) && value >= 0).toBe(true);
        expect({ where, fits: w > 0 && h > 0 && x + w <= 24 }).toEqual({ where, fits: true });
        expect(panel.targets?.length).toBeGreaterThan(0);
      }
    }
  });

  it('queries only provisioned datasources, each by its uid and type, with unique refIds', () => {
    for (const { dashboard } of dashboards()) {
      for (const panel of dashboard.panels) {
        for (const target of panel.targets ?? []) {
          const datasource = target.datasource ?? panel.datasource;
          const where = `${dashboard.uid} panel ${panel.id} ${target.refId}`;
          expect({ where, type: byUid.get(datasource?.uid ?? '')?.type }).toEqual({ where, type: datasource?.type });
        }
        const refIds = (panel.targets ?? []).map((target) => target.refId);
        expect(new Set(refIds).size).toBe(refIds.length);
      }
    }
  });

  it('defines every template variable a panel uses', () => {
    for (const { dashboard } of dashboards()) {
      const defined = new Set(dashboard.templating.list.map((variable) => variable.name));
      for (const panel of dashboard.panels) {
        for (const name of variablesUsed(panel)) expect({ dashboard: dashboard.uid, panel: panel.id, name, defined: defined.has(name) }).toEqual({ dashboard: dashboard.uid, panel: panel.id, name, defined: true });
      }
    }
  });

  it('queries only metrics the platform and the collector export', () => {
    for (const { dashboard } of dashboards()) {
      for (const expr of exprs(dashboard)) {
        for (const [metric] of expr.matchAll(/\b(?:issuer|http_server|traces_span_metrics)_\w+/g)) expect({ expr, metric, exported: prometheusMetrics.has(metric) }).toEqual({ expr, metric, exported: true });
      }
    }
  });

  it('shows the issuance funnel in order (offer fetched, token, credential, acknowledged) and issuances by every outcome', () => {
    const funnel = dashboard('issuer-issuance').panels[0] as Panel;
    const steps = (funnel.targets ?? []).map((target) => /step="(\w+)"/.exec(target['expr'])?.[1]);
    expect(steps).toEqual(['offer_fetched', 'token_issued', 'credential_issued', 'credential_accepted']);
    for (const step of steps) expect(Object.values(issuanceStepOf)).toContain(step);
    expect(exprs(dashboard('issuer-issuance')).some((expr) => expr.includes('sum by (outcome) (increase(issuer_issuances_total'))).toBe(true);
    expect(Object.values(issuanceOutcomeOf).sort()).toEqual(['deferred', 'denied', 'failed', 'issued']);
  });

  it('breaks errors down by code and by wallet, and latency into p50, p95 and p99 per endpoint', () => {
    const errors = exprs(dashboard('issuer-errors'));
    expect(errors.some((expr) => expr.startsWith('sum by (error_type)'))).toBe(true);
    expect(errors.some((expr) => expr.startsWith('sum by (wallet)'))).toBe(true);
    const latency = exprs(dashboard('issuer-latency'));
    for (const quantile of ['0.5', '0.95', '0.99']) expect(latency.some((expr) => expr.startsWith(`histogram_quantile(${quantile}, sum by (le, http_route)`))).toBe(true);
  });

  it('shows a session\'s timeline from the session-log API, with links to its traces and its session page', () => {
    const session = dashboard('issuer-session');
    expect(session.templating.list.find((variable) => variable.name === 'session_id')?.type).toBe('textbox');
    const timeline = session.panels.find((panel) => panel.datasource?.uid === 'issuer-session-log') as Panel;
    expect(timeline.targets?.[0]).toMatchObject({ url: '/admin/v1/sessions/${session_id}', root_selector: 'entries', type: 'json' });
    const text = JSON.stringify(session);
    expect(text).toContain('"url":"${public_url}/ui/sessions/${__value.raw}"');
    expect(text).toContain('"datasourceUid":"issuer-tempo"');
    expect(text).toContain('span.session.id = \\"${session_id}\\"');
  });
});
