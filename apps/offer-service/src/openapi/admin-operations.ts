import {
  zApiKey,
  zApiKeyList,
  zClaimsSupplied,
  zCreateApiKeyRequest,
  zCreatedApiKey,
  zCreatedIssuance,
  zCredentialConfigurationList,
  zCredentialConfigurationResource,
  zCredentialStatusChanged,
  zIssuance,
  zIssuanceDenied,
  zIssuancePage,
  zListRequestsQuery,
  zListSessionsQuery,
  zSessionPage,
  zSessionTimeline,
  zTimelineEntries,
  zTrustAnchors,
  zCreatedWebhook,
  zWebhookList,
  zWebhookWithDeliveries,
} from '@issuer/contracts-routes';
import { zCredentialConfiguration } from '@issuer/protocol-oid4vci';
import { z } from 'zod';
import { zCreateIssuanceRequest } from '../issuances/z-create-issuance-request.js';
import { zListIssuancesQuery } from '../issuances/z-list-issuances-query.js';
import { zDenyIssuanceRequest, zSupplyClaimsRequest } from '../issuances/z-supply-claims-request.js';
import { zCreateWebhookRequest } from '../webhooks/z-create-webhook-request.js';

const zOpenApiDocument = z.object({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) }).loose();

export type Scope = 'read' | 'write' | 'admin';

/** One management API operation, described by the zod schemas its handler parses its input with and types its answer by. */
export interface AdminOperation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path template, `{id}` for a parameter. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** null: no key needed. */
  scope: Scope | null;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** No schema: an answer without a body; contentType other than JSON: the body is that media type. */
  response: { status: number; schema?: z.ZodType; contentType?: string; description: string };
  /** Error statuses besides 401 and 403, which every keyed operation may answer. */
  errors: number[];
}

const qrCode = (extension: 'svg' | 'png', contentType: string): AdminOperation => ({
  method: 'get',
  path: `/admin/v1/issuances/{id}/qr.${extension}`,
  operationId: `getOfferQrCode${extension.toUpperCase()}`,
  summary: `The issuance’s offer_url as a ${extension.toUpperCase()} QR code`,
  tag: 'issuances',
  scope: 'read',
  response: { status: 200, contentType, description: 'A QR code a wallet scans to take the offer' },
  errors: [404],
});

const statusChange = (verb: 'revoke' | 'suspend' | 'reinstate', summary: string): AdminOperation => ({
  method: 'post',
  path: `/admin/v1/issuances/{id}/${verb}`,
  operationId: `${verb}Issuance`,
  summary,
  tag: 'issuances',
  scope: 'write',
  response: { status: 200, schema: zCredentialStatusChanged, description: 'The status of the issuance’s credentials in their status list' },
  errors: [404, 409, 503],
});

const configurationState = (verb: 'disable' | 'enable', summary: string): AdminOperation => ({
  method: 'post',
  path: `/admin/v1/credential-configurations/{id}/${verb}`,
  operationId: `${verb}CredentialConfiguration`,
  summary,
  tag: 'credential-configurations',
  scope: 'admin',
  response: { status: 200, schema: zCredentialConfigurationResource, description: 'The credential configuration' },
  errors: [404, 409],
});

export const adminOperations: AdminOperation[] = [
  {
    method: 'post',
    path: '/admin/v1/issuances',
    operationId: 'createIssuance',
    summary: 'Create an issuance and its credential offer',
    tag: 'issuances',
    scope: 'write',
    body: zCreateIssuanceRequest,
    response: { status: 201, schema: zCreatedIssuance, description: 'The issuance, its offer and the tx_code for the holder' },
    errors: [400, 503],
  },
  {
    method: 'get',
    path: '/admin/v1/issuances',
    operationId: 'listIssuances',
    summary: 'Issuances, newest first, filtered and a page at a time',
    tag: 'issuances',
    scope: 'read',
    query: zListIssuancesQuery,
    response: { status: 200, schema: zIssuancePage, description: 'A page of issuances and the cursor of the next' },
    errors: [400],
  },
  {
    method: 'get',
    path: '/admin/v1/issuances/{id}',
    operationId: 'getIssuance',
    summary: 'An issuance and its status',
    tag: 'issuances',
    scope: 'read',
    response: { status: 200, schema: zIssuance, description: 'The issuance' },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/admin/v1/issuances/{id}',
    operationId: 'deleteIssuance',
    summary: 'Delete an issuance: its offer and grants stop working; issued credentials keep their status',
    tag: 'issuances',
    scope: 'write',
    response: { status: 204, description: 'Deleted' },
    errors: [404, 503],
  },
  {
    method: 'post',
    path: '/admin/v1/issuances/{id}/claims',
    operationId: 'supplyClaims',
    summary: 'Supply the claims of a deferred issuance',
    tag: 'issuances',
    scope: 'write',
    body: zSupplyClaimsRequest,
    response: { status: 200, schema: zClaimsSupplied, description: 'The configurations still awaiting claims' },
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/admin/v1/issuances/{id}/deny',
    operationId: 'denyIssuance',
    summary: 'Deny a deferred issuance',
    tag: 'issuances',
    scope: 'write',
    body: zDenyIssuanceRequest,
    response: { status: 200, schema: zIssuanceDenied, description: 'The issuance, denied' },
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/admin/v1/credential-configurations',
    operationId: 'listCredentialConfigurations',
    summary: 'The credential configurations: built-in, from files and created here, disabled ones included',
    tag: 'credential-configurations',
    scope: 'read',
    response: { status: 200, schema: zCredentialConfigurationList, description: 'Every credential configuration and its state' },
    errors: [],
  },
  {
    method: 'post',
    path: '/admin/v1/credential-configurations',
    operationId: 'createCredentialConfiguration',
    summary: 'Create a credential configuration; every service issues it from then on',
    tag: 'credential-configurations',
    scope: 'admin',
    body: zCredentialConfiguration,
    response: { status: 201, schema: zCredentialConfigurationResource, description: 'The credential configuration, as validated' },
    errors: [400, 409],
  },
  {
    method: 'get',
    path: '/admin/v1/credential-configurations/{id}',
    operationId: 'getCredentialConfiguration',
    summary: 'A credential configuration and its state',
    tag: 'credential-configurations',
    scope: 'read',
    response: { status: 200, schema: zCredentialConfigurationResource, description: 'The credential configuration' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/admin/v1/credential-configurations/{id}',
    operationId: 'replaceCredentialConfiguration',
    summary: 'Replace a credential configuration (a built-in or file one too); id may be left out of the body',
    tag: 'credential-configurations',
    scope: 'admin',
    body: zCredentialConfiguration,
    response: { status: 200, schema: zCredentialConfigurationResource, description: 'The credential configuration, as validated' },
    errors: [400, 404, 409],
  },
  configurationState('disable', 'Disable a credential configuration: no longer advertised nor issued'),
  configurationState('enable', 'Enable a disabled credential configuration again'),
  qrCode('svg', 'image/svg+xml'),
  qrCode('png', 'image/png'),
  statusChange('revoke', 'Revoke the issuance’s credentials (final)'),
  statusChange('suspend', 'Suspend the issuance’s credentials'),
  statusChange('reinstate', 'Reinstate suspended credentials'),
  {
    method: 'get',
    path: '/admin/v1/trust-anchors',
    operationId: 'getTrustAnchors',
    summary: 'The issuer’s trust anchors as PEM',
    tag: 'trust',
    scope: 'read',
    response: { status: 200, schema: zTrustAnchors, description: 'The roots verifiers of this issuer’s credentials trust' },
    errors: [],
  },
  {
    method: 'get',
    path: '/admin/v1/sessions',
    operationId: 'listSessions',
    summary: 'Issuance sessions, newest first',
    tag: 'timelines',
    scope: 'read',
    query: zListSessionsQuery,
    response: { status: 200, schema: zSessionPage, description: 'A page of sessions' },
    errors: [],
  },
  {
    method: 'get',
    path: '/admin/v1/sessions/{sessionId}',
    operationId: 'getSessionTimeline',
    summary: 'The timeline of one issuance session',
    tag: 'timelines',
    scope: 'read',
    response: { status: 200, schema: zSessionTimeline, description: 'The session, its timeline entries and its events' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/admin/v1/requests',
    operationId: 'listUnassignedRequests',
    summary: 'Requests tied to no session, newest first',
    tag: 'timelines',
    scope: 'read',
    query: zListRequestsQuery,
    response: { status: 200, schema: zTimelineEntries, description: 'Timeline entries' },
    errors: [400],
  },
  {
    method: 'post',
    path: '/admin/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key; its secret is shown only in this answer',
    tag: 'api-keys',
    scope: 'admin',
    body: zCreateApiKeyRequest,
    response: { status: 201, schema: zCreatedApiKey, description: 'The key, with its secret' },
    errors: [400],
  },
  {
    method: 'get',
    path: '/admin/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'The API keys, without secrets',
    tag: 'api-keys',
    scope: 'admin',
    response: { status: 200, schema: zApiKeyList, description: 'Every key, revoked ones included' },
    errors: [],
  },
  {
    method: 'delete',
    path: '/admin/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    tag: 'api-keys',
    scope: 'admin',
    response: { status: 200, schema: zApiKey, description: 'The key, revoked' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/admin/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Register a webhook for issuance events; its signing secret is shown only in this answer',
    tag: 'webhooks',
    scope: 'write',
    body: zCreateWebhookRequest,
    response: { status: 201, schema: zCreatedWebhook, description: 'The webhook, with its secret' },
    errors: [400],
  },
  {
    method: 'get',
    path: '/admin/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'The registered webhooks, without secrets',
    tag: 'webhooks',
    scope: 'read',
    response: { status: 200, schema: zWebhookList, description: 'Every webhook' },
    errors: [],
  },
  {
    method: 'get',
    path: '/admin/v1/webhooks/{id}',
    operationId: 'getWebhook',
    summary: 'A webhook and its latest deliveries',
    tag: 'webhooks',
    scope: 'read',
    response: { status: 200, schema: zWebhookWithDeliveries, description: 'The webhook and the state of its latest deliveries' },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/admin/v1/webhooks/{id}',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook and its deliveries',
    tag: 'webhooks',
    scope: 'write',
    response: { status: 204, description: 'Deleted' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/admin/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tag: 'documentation',
    scope: null,
    response: { status: 200, schema: zOpenApiDocument, description: 'OpenAPI 3.1 document of the management API' },
    errors: [],
  },
];
