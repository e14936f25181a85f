import { z } from 'zod';
import { zTestBehaviours } from '@issuer/contracts-events';

/** The statuses of an issuance record, in the order a wallet's progress moves it. */
export const issuanceStatuses = [
  'offer_sent',
  'offer_received',
  'credential_deferred',
  'credential_issued',
  'credential_acked',
  'credential_accepted',
  'credential_deleted',
  'credential_failure',
  'issuance_denied',
] as const;

const zIssuanceStatus = z.string().describe(issuanceStatuses.join(', '));
const zCredentialStatus = z.enum(['operational', 'suspended', 'revoked']);

const zQrCodeLinks = {
  qr_code_svg: z.string().describe('GET this URL (with an API key) for the offer_url as an SVG QR code'),
  qr_code_png: z.string().describe('GET this URL (with an API key) for the offer_url as a PNG QR code'),
};

/** `POST /admin/v1/issuances` answered. */
export const zCreatedIssuance = z.object({
  id: z.string(),
  session_id: z.string(),
  status: zIssuanceStatus,
  credential_offer: z.record(z.string(), z.unknown()).describe('OID4VCI 1.0 Section 4.1.1 credential offer'),
  credential_offer_uri: z.string(),
  offer_url: z.string().describe('openid-credential-offer:// or haip-vci:// URL carrying credential_offer_uri'),
  ...zQrCodeLinks,
  tx_code: z.string().nullable().describe('The transaction code to give the holder, when the grant asks for one'),
  compatibility_profile: z.string(),
  deferred: z.boolean(),
  require_key_attestation: z.boolean(),
  require_wallet_attestation: z.boolean(),
  test_behaviours: zTestBehaviours.optional(),
  verbose_capture_until: z.string().optional().describe('With verbose_capture_minutes: until when the session timeline keeps proxy and mesh headers and message signatures'),
});

/** `GET /admin/v1/issuances/{id}`. */
export const zIssuance = z.object({
  id: z.string(),
  session_id: z.string(),
  status: zIssuanceStatus,
  grant_type: z.string(),
  credential_configuration_ids: z.array(z.string()),
  compatibility_profile: z.string(),
  credential_status: z.string().describe('operational, suspended or revoked'),
  credential_offer_uri: z.string(),
  offer_url: z.string(),
  ...zQrCodeLinks,
  deferred: z.boolean(),
  awaiting_claims: z.array(z.string()).optional().describe('Deferred issuance: configurations whose claims are still to be supplied'),
  denial_reason: z.string().optional(),
  test_behaviours: zTestBehaviours.optional(),
  push: z
    .object({
      credential_offer_endpoint: z.string(),
      state: z.string().describe('pending, delivered or failed'),
      status_code: z.number().int().nullable().describe('The wallet’s HTTP status, null when it did not answer'),
      error: z.string().nullable(),
      pushed_at: z.string().nullable(),
    })
    .optional()
    .describe('OID4VCI 1.0 Section 4: how sending the offer to the wallet’s credential_offer_endpoint went'),
  created_at: z.string(),
  updated_at: z.string(),
});

/** `GET /admin/v1/issuances`: a page, newest first. */
export const zIssuancePage = z.object({
  items: z.array(zIssuance),
  next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

/** `POST /admin/v1/issuances/{id}/claims` answered. */
export const zClaimsSupplied = z.object({ id: z.string(), status: zIssuanceStatus, deferred: z.literal(true), awaiting_claims: z.array(z.string()) });

/** `POST /admin/v1/issuances/{id}/deny` answered. */
export const zIssuanceDenied = z.object({ id: z.string(), status: z.literal('issuance_denied'), denial_reason: z.string() });

/** `POST /admin/v1/issuances/{id}/revoke`, `/suspend`, `/reinstate` answered. */
export const zCredentialStatusChanged = z.object({
  id: z.string(),
  credential_status: zCredentialStatus,
  changed: z.boolean().describe('false when the credentials already had that status'),
});
