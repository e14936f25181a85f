/**
 * Component types of the OpenTelemetry Collector Contrib distribution (otelcol-contrib) that this
 * project may configure, as its release manifest lists them for the pinned image (0.120.0). Not the
 * whole distribution: a type missing here is refused until checked against the manifest and added.
 */
export const otelcolContribVersion = '0.120.0';

export const otelcolContribComponents = {
  receivers: ['otlp', 'prometheus', 'filelog', 'hostmetrics', 'jaeger', 'zipkin', 'k8s_cluster', 'kubeletstats'],
  processors: ['batch', 'memory_limiter', 'attributes', 'resource', 'filter', 'transform', 'tail_sampling', 'probabilistic_sampler', 'k8sattributes', 'resourcedetection'],
  exporters: ['debug', 'otlp', 'otlphttp', 'prometheus', 'prometheusremotewrite', 'file', 'loadbalancing', 'zipkin'],
  connectors: ['spanmetrics', 'servicegraph', 'forward', 'count', 'routing'],
  extensions: ['health_check', 'pprof', 'zpages', 'bearertokenauth', 'basicauth', 'headers_setter', 'file_storage'],
} as const;
