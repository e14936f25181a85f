import { describe, expect, it } from '@jest/globals';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ADMIN_SCOPE_METADATA, AdminApiKeyGuard, scopeForMethod } from '@issuer/nest';
import { routeTable, serviceForPath } from '@issuer/contracts-routes';
import { adminOpenApiDocument } from '@issuer/offer-service';
import { registeredRoutes as allRegisteredRoutes } from './registered-routes.js';

/** Every route the services' controllers register, as `METHOD /path/{param}`, with the scope their guard asks for. */
function registeredRoutes(): Array<{ route: string; scope: string | null }> {
  return allRegisteredRoutes().map(({ method, path, controller, handler }) => {
    const guarded = [controller, handler].some((target) => ((Reflect.getMetadata(GUARDS_METADATA, target) ?? []) as unknown[]).includes(AdminApiKeyGuard));
    const scope = (Reflect.getMetadata(ADMIN_SCOPE_METADATA, handler) ?? Reflect.getMetadata(ADMIN_SCOPE_METADATA, controller) ?? scopeForMethod(method)) as string;
    return { route: `${method} ${path.replace(/:(\w+)/g, '{$1}')}`, scope: guarded ? scope : null };
  });
}

describe('the management API OpenAPI document', () => {
  const document = adminOpenApiDocument('https://issuer.example.com') as {
    openapi: string;
    paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown>; requestBody?: unknown; 'x-required-scope'?: string }>>;
    components: { securitySchemes: Record<string, unknown> };
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every /admin/v1 route the services register, and nothing they do not, with the scope its guard asks for', () => {
    const registered = registeredRoutes().filter(({ route }) => route.split(' ')[1]?.startsWith('/admin/v1'));
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, scope: operation['x-required-scope'] ?? null })),
    );
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(registered.length).toBeGreaterThan(10);
    expect(documented.sort(byRoute)).toEqual(registered.sort(byRoute));
  });

  it('names only paths the shared route table sends to a service, and covers each admin entry of that table', () => {
    const paths = Object.keys(document.paths);
    for (const path of paths) expect(serviceForPath(path.replace(/\{\w+\}/g, 'x'))).toBeDefined();
    for (const route of routeTable.filter((entry) => entry.path.startsWith('/admin/v1'))) {
      expect(paths.some((path) => (route.path.endsWith('/') ? path.startsWith(route.path) : path === route.path))).toBe(true);
    }
  });

  it('asks a bearer key of every operation but the document itself, and describes its errors', () => {
    expect(document.components.securitySchemes['bearer']).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations)) {
        if (path === '/admin/v1/openapi.json') {
          expect(operation.security).toEqual([]);
          continue;
        }
        expect(operation.security).toEqual([{ bearer: [] }]);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    expect(document.paths['/admin/v1/issuances']?.['post']?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['credentials'], properties: { credentials: { type: 'array', minItems: 1 } } } } },
    });
  });
});
