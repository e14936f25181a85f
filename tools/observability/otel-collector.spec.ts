import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { compose, observabilityDir } from './observability-files.js';
import { otelcolContribComponents, otelcolContribVersion } from './otelcol-contrib-components.js';

type Section = keyof typeof otelcolContribComponents;
type CollectorConfig = Partial<Record<Section, Record<string, unknown>>> & {
  service: { extensions?: string[]; pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }> };
};

const configText = readFileSync(join(observabilityDir, 'otel-collector.yaml'), 'utf8');

/** The problems the collector would refuse the configuration for, as far as its structure goes. */
export function collectorProblems(config: CollectorConfig): string[] {
  const problems: string[] = [];
  const typeOf = (id: string) => id.split('/')[0] as string;
  for (const section of Object.keys(otelcolContribComponents) as Section[]) {
    for (const id of Object.keys(config[section] ?? {})) {
      if (!(otelcolContribComponents[section] as readonly string[]).includes(typeOf(id))) problems.push(`${section}: ${id} is not a component of otelcol-contrib ${otelcolContribVersion}`);
    }
  }
  const defined = (section: Section, id: string) => Object.hasOwn(config[section] ?? {}, id);
  const usedAs = { receivers: new Set<string>(), exporters: new Set<string>() };
  for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
    if (!['traces', 'metrics', 'logs'].includes(name.split('/')[0] as string)) problems.push(`pipeline ${name}: not of a signal (traces, metrics, logs)`);
    if ((pipeline.receivers ?? []).length === 0 || (pipeline.exporters ?? []).length === 0) problems.push(`pipeline ${name}: needs receivers and exporters`);
    for (const id of pipeline.receivers ?? []) {
      if (defined('connectors', id)) usedAs.receivers.add(id);
      else if (!defined('receivers', id)) problems.push(`pipeline ${name}: receiver ${id} is not defined`);
    }
    for (const id of pipeline.processors ?? []) if (!defined('processors', id)) problems.push(`pipeline ${name}: processor ${id} is not defined`);
    for (const id of pipeline.exporters ?? []) {
      if (defined('connectors', id)) usedAs.exporters.add(id);
      else if (!defined('exporters', id)) problems.push(`pipeline ${name}: exporter ${id} is not defined`);
    }
  }
  for (const id of Object.keys(config.connectors ?? {})) {
    if (!usedAs.receivers.has(id) || !usedAs.exporters.has(id)) problems.push(`connector ${id}: must be an exporter of one pipeline and a receiver of another`);
  }
  for (const id of config.service.extensions ?? []) if (!defined('extensions', id)) problems.push(`extension ${id} is not defined`);
  return problems;
}

const config = () => parse(configText) as CollectorConfig;

describe('the OpenTelemetry Collector configuration (observability/otel-collector.yaml)', () => {
  it('is what the pinned contrib collector accepts: every pipeline\'s components defined, every component type in the distribution', () => {
    expect(compose().services['otel-collector']?.image).toBe(`otel/opentelemetry-collector-contrib:${otelcolContribVersion}`);
    expect(collectorProblems(config())).toEqual([]);
  });

  it('the check refuses an undefined component, an unknown type and a dangling connector', () => {
    const broken = config();
    broken.service.pipelines['logs']?.exporters.push('otlphttp/elsewhere');
    broken.exporters = { ...broken.exporters, 'lokiexporterx/typo': {} };
    broken.connectors = { ...broken.connectors, servicegraph: {} };
    expect(collectorProblems(broken)).toEqual([
      'exporters: lokiexporterx/typo is not a component of otelcol-contrib 0.120.0',
      'pipeline logs: exporter otlphttp/elsewhere is not defined',
      'connector servicegraph: must be an exporter of one pipeline and a receiver of another',
    ]);
  });

  it('fans out: traces to Tempo, metrics to Prometheus, logs to Loki and to the session-log receiver with the ingest token, in protobuf', () => {
    const { service, exporters } = config();
    expect(service.pipelines['traces']?.exporters).toEqual(['otlp/tempo', 'spanmetrics']);
    expect(service.pipelines['metrics']).toMatchObject({ receivers: ['otlp', 'spanmetrics'], exporters: ['prometheus'] });
    expect(service.pipelines['logs']?.exporters).toEqual(['otlphttp/loki', 'otlphttp/session-log']);
    expect(exporters?.['otlphttp/session-log']).toEqual({ endpoint: '${env:SESSION_LOG_ENDPOINT}', encoding: 'proto', headers: { authorization: 'Bearer ${env:OTLP_INGEST_TOKEN}' } });
  });

  it('takes every endpoint and the token from variables docker-compose.yml sets', () => {
    const variables = [...configText.matchAll(/\$\{env:(\w+)\}/g)].map((match) => match[1]);
    expect(new Set(variables)).toEqual(new Set(['TEMPO_OTLP_ENDPOINT', 'LOKI_OTLP_ENDPOINT', 'SESSION_LOG_ENDPOINT', 'OTLP_INGEST_TOKEN']));
    const environment = compose().services['otel-collector']?.environment ?? {};
    for (const variable of variables) expect(environment).toHaveProperty([variable as string]);
  });
});
