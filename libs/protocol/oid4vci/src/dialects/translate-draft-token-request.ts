import { invalidRequest, type ProtocolError } from '@issuer/protocol-errors';

export type TokenRequestForm = Record<string, string | string[] | undefined>;

export interface DraftTokenRequestTranslation {
  form: TokenRequestForm;
  /** What was translated, one line each, for the session timeline; empty for a 1.0 request. */
  changes: string[];
}

/**
 * Draft 11 (EBSI v4) sent the transaction code as `user_pin`; OID4VCI 1.0 Section 6.1 names it
 * `tx_code`. The translation is made before the pre-authorized code is looked up, so that the
 * issuance's own compatibility profile decides afterwards whether to accept it
 * (`draftTokenRequestRefused` when it does not).
 */
export function translateDraftTokenRequest(form: TokenRequestForm): DraftTokenRequestTranslation {
  const userPin = form.user_pin;
  if (userPin === undefined || form.tx_code !== undefined) return { form, changes: [] };
  const translated: TokenRequestForm = { ...form, tx_code: userPin };
  delete translated.user_pin;
  return { form: translated, changes: ['user_pin -> tx_code'] };
}

export function draftTokenRequestRefused(): ProtocolError {
  return invalidRequest({
    reason: 'the transaction code was sent as user_pin, the parameter of draft 11',
    help: 'Send the transaction code as tx_code',
    specRef: 'OID4VCI 1.0 Section 6.1',
  });
}
