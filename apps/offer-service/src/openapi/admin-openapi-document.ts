import { zAdminError } from '@issuer/contracts-routes';
import { z } from 'zod';
import { adminOperations, type AdminOperation } from './admin-operations.js';

const errorDescriptions: Record<number, string> = {
  400: 'invalid_request: the body or query is malformed',
  401: 'unauthorized: no API key, or one unknown or revoked (WWW-Authenticate: Bearer)',
  403: 'insufficient_scope: the key lacks the scope the operation needs',
  404: 'not_found',
  409: 'conflict: the resource exists already, or is not in a state that allows it',
  503: 'temporarily_unavailable: another service did not answer; retry',
};

/**
 * The OpenAPI 3.1 document of the management API, built from the zod schemas the handlers parse
 * their input with and type their answers by (OpenAPI 3.1 schemas are JSON Schema 2020-12, what
 * `z.toJSONSchema` writes).
 */
export function adminOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of adminOperations) (paths[operation.path] ??= {})[operation.method] = describeOperation(operation);
  return {
    openapi: '3.1.1',
    info: {
      title: 'Issuer platform management API',
      version: '1',
      description: 'Issuances, their credentials’ status, credential configurations, webhooks, session timelines and API keys. Keys have the scopes read (GET), write (changes, implies read) and admin (API keys and credential configurations, implies write).',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: ['issuances', 'credential-configurations', 'webhooks', 'trust', 'timelines', 'api-keys', 'documentation'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY, or a key created with POST /admin/v1/api-keys (`isk_...`)' } },
      schemas: { Error: schemaOf(zAdminError, 'output') },
    },
  };
}

function describeOperation(operation: AdminOperation): Record<string, unknown> {
  const errors = [...(operation.scope ? [401, 403] : []), ...operation.errors].sort();
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: [operation.tag],
    ...(operation.scope ? { description: `Needs an API key with the ${operation.scope} scope.`, security: [{ bearer: [] }], 'x-required-scope': operation.scope } : { security: [] }),
    parameters: [...pathParameters(operation.path), ...queryParameters(operation.query)],
    ...(operation.body && { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(operation.body, 'input') } } } }),
    responses: {
      [operation.response.status]: { description: operation.response.description, ...responseContent(operation.response) },
      ...Object.fromEntries(errors.map((status) => [status, { description: errorDescriptions[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }])),
    },
  };
}

function responseContent({ schema, contentType = 'application/json' }: AdminOperation['response']): Record<string, unknown> {
  if (contentType !== 'application/json') return { content: { [contentType]: { schema: { type: 'string', contentMediaType: contentType } } } };
  return schema ? { content: { [contentType]: { schema: schemaOf(schema, 'output') } } } : {};
}

function pathParameters(path: string): unknown[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
}

function queryParameters(query: z.ZodObject | undefined): unknown[] {
  if (!query) return [];
  return Object.entries(query.shape).map(([name, schema]) => {
    const { description, ...json } = schemaOf(schema as z.ZodType, 'input');
    return { name, in: 'query', required: false, ...(description !== undefined && { description }), schema: json };
  });
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json;
}
