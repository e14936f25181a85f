/** What a session's state tells a tester, in words. */
const explanations: Record<string, string> = {
  offer_created: 'The offer exists; no wallet has fetched it yet.',
  offer_retrieved: 'A wallet fetched the credential offer but has not redeemed its grant at the token endpoint.',
  token_issued: 'The wallet got an access token; no credential was issued yet.',
  credential_issued: 'The credential was issued; the wallet has not sent a notification about it.',
  credential_deferred: 'Issuance is deferred: the wallet polls the deferred credential endpoint until the issuer supplies the claims.',
  claims_supplied: 'The issuer supplied the claims of the deferred issuance; the wallet gets its credential at its next poll.',
  issuance_denied: 'The issuer denied this deferred issuance; the wallet gets credential_request_denied.',
  credential_acked: 'The wallet collected the deferred credential.',
  credential_accepted: 'The wallet notified the issuer that it accepted the credential (OID4VCI 1.0 Section 11).',
  credential_deleted: 'The wallet notified the issuer that the End-User deleted the credential.',
  credential_failure: 'The wallet notified the issuer that storing the credential failed.',
  issuance_deleted: 'The operator deleted the issuance: its offer and grants are gone.',
};

export function explainState(state: string): string {
  const failedAt = /^failed_at_(.+)$/.exec(state)?.[1];
  if (failedAt) return `The wallet's last request, at ${failedAt.replace(/_/g, ' ')}, failed and nothing succeeded after it. The errors below say why.`;
  return explanations[state] ?? 'A state this page does not describe yet.';
}

export function stateClass(state: string): string {
  if (state.startsWith('failed_at_') || state === 'credential_failure' || state === 'issuance_denied') return 'state state-failed';
  if (state === 'credential_issued' || state === 'credential_accepted' || state === 'credential_acked') return 'state state-done';
  return 'state state-progress';
}
