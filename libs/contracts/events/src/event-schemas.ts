import type { z } from 'zod';
import type { Envelope } from './envelope.js';
import { commands, subjects } from './subjects.js';
import { zIssuanceCredentialAckedV1, zIssuanceCredentialDeferredV1, zIssuanceCredentialIssuedV1 } from './z-credential-events.js';
import { zCreateDeferredTransactionReplyV1, zCreateDeferredTransactionV1 } from './z-create-deferred-transaction.js';
import { zIssuanceClaimsSuppliedV1, zIssuanceCredentialDeniedV1 } from './z-deferred-events.js';
import { zGetCredentialClaimsReplyV1, zGetCredentialClaimsV1 } from './z-get-credential-claims.js';
import { zIssueDeferredCredentialReplyV1, zIssueDeferredCredentialV1 } from './z-issue-deferred-credential.js';
import { zIssuanceCredentialNotifiedV1 } from './z-notification-events.js';
import { zIssuanceOfferCreatedV1, zIssuanceOfferRetrievedV1 } from './z-offer-events.js';
import { zRegisterPreAuthorizedCodeReplyV1, zRegisterPreAuthorizedCodeV1 } from './z-register-pre-authorized-code.js';
import { zCreateAuthorizedIssuanceReplyV1, zCreateAuthorizedIssuanceV1 } from './z-create-authorized-issuance.js';
import { zRegisterIssuerStateReplyV1, zRegisterIssuerStateV1 } from './z-register-issuer-state.js';
import { zIssuanceDeletedV1 } from './z-issuance-deleted.js';
import { zIssuanceRequestFailedV1 } from './z-request-failed.js';
import { zSetCredentialStatusReplyV1, zSetCredentialStatusV1 } from './z-set-credential-status.js';
import { zIssuanceTokenIssuedV1 } from './z-token-events.js';
import { zVerifyApiKeyReplyV1, zVerifyApiKeyV1 } from './z-verify-api-key.js';
import { zCredentialConfigurationChangedV1, zListCredentialConfigurationsReplyV1, zListCredentialConfigurationsV1 } from './z-credential-configuration-changed.js';
import { zWithdrawIssuanceReplyV1, zWithdrawIssuanceV1 } from './z-withdraw-issuance.js';

/**
 * The `data` schema of every envelope, by `type` then `version` (events and command requests).
 * A breaking change is a new version beside the old one, never an edit of it.
 */
export const eventSchemas = {
  [subjects.offerCreated]: { 1: zIssuanceOfferCreatedV1 },
  [subjects.offerRetrieved]: { 1: zIssuanceOfferRetrievedV1 },
  [subjects.tokenIssued]: { 1: zIssuanceTokenIssuedV1 },
  [subjects.credentialIssued]: { 1: zIssuanceCredentialIssuedV1 },
  [subjects.credentialDeferred]: { 1: zIssuanceCredentialDeferredV1 },
  [subjects.claimsSupplied]: { 1: zIssuanceClaimsSuppliedV1 },
  [subjects.credentialDenied]: { 1: zIssuanceCredentialDeniedV1 },
  [subjects.credentialAcked]: { 1: zIssuanceCredentialAckedV1 },
  [subjects.credentialAccepted]: { 1: zIssuanceCredentialNotifiedV1 },
  [subjects.credentialDeleted]: { 1: zIssuanceCredentialNotifiedV1 },
  [subjects.credentialFailure]: { 1: zIssuanceCredentialNotifiedV1 },
  [subjects.requestFailed]: { 1: zIssuanceRequestFailedV1 },
  [subjects.credentialConfigurationChanged]: { 1: zCredentialConfigurationChangedV1 },
  [subjects.issuanceDeleted]: { 1: zIssuanceDeletedV1 },
  [commands.registerPreAuthorizedCode]: { 1: zRegisterPreAuthorizedCodeV1 },
  [commands.getCredentialClaims]: { 1: zGetCredentialClaimsV1 },
  [commands.verifyApiKey]: { 1: zVerifyApiKeyV1 },
  [commands.listCredentialConfigurations]: { 1: zListCredentialConfigurationsV1 },
  [commands.setCredentialStatus]: { 1: zSetCredentialStatusV1 },
  [commands.registerIssuerState]: { 1: zRegisterIssuerStateV1 },
  [commands.withdrawIssuance]: { 1: zWithdrawIssuanceV1 },
  [commands.createAuthorizedIssuance]: { 1: zCreateAuthorizedIssuanceV1 },
  [commands.createDeferredTransaction]: { 1: zCreateDeferredTransactionV1 },
  [commands.issueDeferredCredential]: { 1: zIssueDeferredCredentialV1 },
} as const satisfies Record<string, Record<number, z.ZodType>>;

/** The reply schema of every command, by `type` then `version` of its request. */
export const commandReplySchemas = {
  [commands.registerPreAuthorizedCode]: { 1: zRegisterPreAuthorizedCodeReplyV1 },
  [commands.getCredentialClaims]: { 1: zGetCredentialClaimsReplyV1 },
  [commands.verifyApiKey]: { 1: zVerifyApiKeyReplyV1 },
  [commands.listCredentialConfigurations]: { 1: zListCredentialConfigurationsReplyV1 },
  [commands.setCredentialStatus]: { 1: zSetCredentialStatusReplyV1 },
  [commands.registerIssuerState]: { 1: zRegisterIssuerStateReplyV1 },
  [commands.withdrawIssuance]: { 1: zWithdrawIssuanceReplyV1 },
  [commands.createAuthorizedIssuance]: { 1: zCreateAuthorizedIssuanceReplyV1 },
  [commands.createDeferredTransaction]: { 1: zCreateDeferredTransactionReplyV1 },
  [commands.issueDeferredCredential]: { 1: zIssueDeferredCredentialReplyV1 },
} as const satisfies Record<string, Record<number, z.ZodType>>;

type Schemas = typeof eventSchemas;
type ReplySchemas = typeof commandReplySchemas;

export type EnvelopeType = keyof Schemas;
export type EnvelopeVersion<T extends EnvelopeType> = keyof Schemas[T] & number;
export type EnvelopeData<T extends EnvelopeType, V extends EnvelopeVersion<T>> =
  Schemas[T][V] extends z.ZodType ? z.output<Schemas[T][V]> : never;

/** The envelope of one `type`@`version`, with its `data` typed. */
export type EnvelopeOf<T extends EnvelopeType, V extends EnvelopeVersion<T>> = Envelope<EnvelopeData<T, V>> & {
  type: T;
  version: V;
};

/** Any envelope the registry knows: narrow it with `type` and `version`. */
export type KnownEnvelope = {
  [T in EnvelopeType]: { [V in EnvelopeVersion<T>]: EnvelopeOf<T, V> }[EnvelopeVersion<T>];
}[EnvelopeType];

export type CommandType = Extract<keyof ReplySchemas, EnvelopeType>;
export type CommandReply<T extends CommandType, V extends keyof ReplySchemas[T] & number> =
  ReplySchemas[T][V] extends z.ZodType ? z.output<ReplySchemas[T][V]> : never;

/** Looks a schema up by runtime strings, as a consumer of the wire must. */
export function findDataSchema(type: string, version: number): z.ZodType | undefined {
  const versions: Partial<Record<string, Partial<Record<number, z.ZodType>>>> = eventSchemas;
  return versions[type]?.[version];
}

export function findReplySchema(type: string, version: number): z.ZodType | undefined {
  const versions: Partial<Record<string, Partial<Record<number, z.ZodType>>>> = commandReplySchemas;
  return versions[type]?.[version];
}
