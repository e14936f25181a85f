import protobuf from 'protobufjs/light.js';

/**
 * The messages of `opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest` this receiver
 * reads, with the field numbers of opentelemetry-proto (logs/v1/logs.proto, common/v1/common.proto,
 * resource/v1/resource.proto). Fields left out are skipped by the decoder, as protobuf requires.
 */
const descriptor = {
  nested: {
    ExportLogsServiceRequest: { fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } } },
    ResourceLogs: { fields: { resource: { type: 'Resource', id: 1 }, scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 }, schemaUrl: { type: 'string', id: 3 } } },
    Resource: { fields: { attributes: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    ScopeLogs: { fields: { scope: { type: 'InstrumentationScope', id: 1 }, logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 }, schemaUrl: { type: 'string', id: 3 } } },
    InstrumentationScope: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } },
    LogRecord: {
      fields: {
        timeUnixNano: { type: 'fixed64', id: 1 },
        severityNumber: { type: 'int32', id: 2 },
        severityText: { type: 'string', id: 3 },
        body: { type: 'AnyValue', id: 5 },
        attributes: { rule: 'repeated', type: 'KeyValue', id: 6 },
        flags: { type: 'fixed32', id: 8 },
        traceId: { type: 'bytes', id: 9 },
        spanId: { type: 'bytes', id: 10 },
        observedTimeUnixNano: { type: 'fixed64', id: 11 },
      },
    },
    AnyValue: {
      oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] } },
      fields: {
        stringValue: { type: 'string', id: 1 },
        boolValue: { type: 'bool', id: 2 },
        intValue: { type: 'int64', id: 3 },
        doubleValue: { type: 'double', id: 4 },
        arrayValue: { type: 'ArrayValue', id: 5 },
        kvlistValue: { type: 'KeyValueList', id: 6 },
        bytesValue: { type: 'bytes', id: 7 },
      },
    },
    ArrayValue: { fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } } },
    KeyValueList: { fields: { values: { rule: 'repeated', type: 'KeyValue', id: 1 } } },
    KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
  },
};

const exportLogsServiceRequest = protobuf.Root.fromJSON(descriptor).lookupType('ExportLogsServiceRequest');

/** Thrown for bytes that are not an ExportLogsServiceRequest. */
export class MalformedOtlpProtobuf extends Error {}

/**
 * OTLP/HTTP binary protobuf (OpenTelemetry Protocol 1.x, "Binary Protobuf Encoding") to the shape of
 * the OTLP/JSON encoding: camelCase fields, 64-bit integers as decimal strings, trace and span ids as
 * hex (OTLP Specification, "JSON Protobuf Encoding").
 */
export function decodeOtlpLogsProtobuf(bytes: Uint8Array): unknown {
  let message: protobuf.Message;
  try {
    message = exportLogsServiceRequest.decode(bytes);
  } catch (error) {
    throw new MalformedOtlpProtobuf(error instanceof Error ? error.message : String(error));
  }
  const request = exportLogsServiceRequest.toObject(message, { longs: String, bytes: Array, defaults: false, oneofs: false, arrays: true }) as {
    resourceLogs: Array<{ scopeLogs?: Array<{ logRecords?: Array<Record<string, unknown>> }> }>;
  };
  for (const resource of request.resourceLogs) {
    for (const scope of resource.scopeLogs ?? []) {
      for (const record of scope.logRecords ?? []) {
        for (const id of ['traceId', 'spanId']) if (Array.isArray(record[id])) record[id] = Buffer.from(record[id] as number[]).toString('hex');
      }
    }
  }
  return request;
}
