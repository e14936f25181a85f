import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { AuthServiceModule } from '@issuer/auth-service';
import type { ServiceName } from '@issuer/contracts-routes';
import { CredentialServiceModule } from '@issuer/credential-service';
import { DeferredServiceModule } from '@issuer/deferred-service';
import { OfferServiceModule } from '@issuer/offer-service';
import { SessionLogServiceModule } from '@issuer/session-log-service';

export interface RegisteredRoute {
  service: ServiceName;
  method: string;
  /** As registered, parameters as `:name`: `/admin/v1/issuances/:id/qr.png`. */
  path: string;
  controller: Type;
  handler: object;
}

const serviceModules: Record<ServiceName, Type> = {
  'offer-service': OfferServiceModule,
  'auth-service': AuthServiceModule,
  'credential-service': CredentialServiceModule,
  'deferred-service': DeferredServiceModule,
  'session-log-service': SessionLogServiceModule,
};

/** Every route the services' controllers register, with the service whose module registers it. */
export function registeredRoutes(): RegisteredRoute[] {
  return Object.entries(serviceModules).flatMap(([service, module]) => {
    const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type[];
    return controllers.flatMap((controller) => {
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) return [];
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler))].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? '';
        return [{ service: service as ServiceName, method, path: `/${path}`, controller, handler }];
      });
    });
  });
}
