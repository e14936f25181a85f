import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { filesUnder } from '../observability/observability-files.js';
import { chartDir, renderChart, repoRoot, type KubernetesObject } from './render-chart.js';

const source = join(repoRoot, 'observability');
const copy = join(chartDir, 'files', 'observability');
/** What the chart ships of observability/: Grafana's provisioning and dashboards, and the collector's configuration. */
const shipped = () => filesUnder(source).filter((file) => file.startsWith('grafana/') || file === 'otel-collector.yaml');
const external = ['ci/external-values.yaml'];
const renderTimeout = 120_000;

const named = (objects: KubernetesObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name) as KubernetesObject & { data: Record<string, string> };

describe('the chart\'s observability files', () => {
  it('are observability/\'s, byte for byte', () => {
    // UPDATE_CHART_FILES=1 copies them again from observability/.
    if (process.env['UPDATE_CHART_FILES'] === '1') {
      rmSync(copy, { recursive: true, force: true });
      for (const file of shipped()) cpSync(join(source, file), join(copy, file));
    }
    expect(filesUnder(copy)).toEqual(shipped());
    for (const file of shipped()) expect({ file, same: readFileSync(join(copy, file)).equals(readFileSync(join(source, file))) }).toEqual({ file, same: true });
  });

  it('ship the dashboards and datasources as they are, with the chart\'s URLs in place of docker-compose.yml\'s', () => {
    const objects = renderChart({ valueFiles: external });
    const dashboards = named(objects, 'ConfigMap', 'issuer-issuer-platform-grafana-dashboards').data;
    const dashboardFiles = filesUnder(join(source, 'grafana', 'dashboards'));
    expect(Object.keys(dashboards).sort()).toEqual(dashboardFiles);
    for (const file of dashboardFiles) {
      const original = readFileSync(join(source, 'grafana', 'dashboards', file), 'utf8');
      expect(dashboards[file]).toBe(original.replaceAll('http://localhost:8080', 'https://issuer.example.com'));
    }

    const datasourcesText = named(objects, 'ConfigMap', 'issuer-issuer-platform-grafana-datasources').data['issuer-platform-datasources.yaml'] as string;
    const original = readFileSync(join(source, 'grafana', 'provisioning', 'datasources', 'issuer-platform.yaml'), 'utf8');
    const values = { ISSUER_PROMETHEUS_URL: 'http://prometheus-operated:9090', ISSUER_TEMPO_URL: 'http://tempo:3200', ISSUER_LOKI_URL: 'http://loki:3100', ISSUER_SESSION_LOG_URL: 'http://issuer-issuer-platform-session-log-service.issuer.svc:8080', ISSUER_PUBLIC_URL: 'https://issuer.example.com' };
    const expected = Object.entries(values).reduce((text, [variable, value]) => text.replaceAll(`\${${variable}}`, value), original);
    expect(datasourcesText.trim()).toBe(expected.trim());
    // Grafana takes the admin API key from its environment: the ConfigMap holds only the reference.
    expect(datasourcesText).toContain('httpHeaderValue1: Bearer ${ISSUER_ADMIN_API_KEY}');
    expect(parse(datasourcesText).datasources).toHaveLength(4);
  }, renderTimeout);

  it('run the collector on observability/otel-collector.yaml, with every variable it reads set', () => {
    const objects = renderChart({ valueFiles: external });
    const configText = readFileSync(join(source, 'otel-collector.yaml'), 'utf8');
    expect(named(objects, 'ConfigMap', 'issuer-issuer-platform-otel-collector').data['config.yaml']?.trim()).toBe(configText.trim());
    const [container] = (named(objects, 'Deployment', 'issuer-issuer-platform-otel-collector')['spec'] as any).template.spec.containers as Array<{ env: Array<{ name: string; value?: string }> }>;
    const env = new Map(container?.env.map((variable) => [variable.name, variable]));
    for (const [, variable] of configText.matchAll(/\$\{env:(\w+)\}/g)) expect({ variable, set: env.has(variable as string) }).toEqual({ variable, set: true });
    expect(env.get('SESSION_LOG_ENDPOINT')?.value).toBe('http://issuer-issuer-platform-session-log-service:8080');
    const platform = named(objects, 'ConfigMap', 'issuer-issuer-platform-config').data;
    expect(platform).toMatchObject({
      SESSION_LOG_OTLP_URL: 'http://issuer-issuer-platform-otel-collector:4318/v1/logs',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://issuer-issuer-platform-otel-collector:4318/v1/traces',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://issuer-issuer-platform-otel-collector:4318/v1/metrics',
    });
  }, renderTimeout);
});
