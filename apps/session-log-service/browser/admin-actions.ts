import { downloadExport, supplyClaims, type ExportFormat, type SessionSummary } from './api.js';
import { h, notice } from './dom.js';

/** The operator's actions on a session: share link, exports, and the claims of a deferred issuance. */
export function adminActions(session: SessionSummary): Node[] {
  return [h('section', { class: 'actions', 'aria-label': 'Actions' }, shareLink(session), exports(session)), supplyClaimsForm(session)].filter((node): node is HTMLElement => node !== null);
}

function shareLink(session: SessionSummary): HTMLElement | null {
  if (!session.shareUrl) return null;
  return h('p', {}, 'Share link (read-only, no API key): ', h('a', { href: session.shareUrl, class: 'share-url' }, session.shareUrl));
}

const formats: Array<{ format: ExportFormat; label: string; type: string }> = [
  { format: 'har', label: 'Download HAR', type: 'application/json' },
  { format: 'sh', label: 'Download curl script', type: 'text/x-shellscript' },
];

function exports(session: SessionSummary): HTMLElement {
  const status = h('div', { class: 'export-status' });
  const buttons = formats.map(({ format, label }) => {
    const button = h('button', { type: 'button', class: 'secondary' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const result = await downloadExport(session.id, format);
      button.disabled = false;
      if (!result.ok) {
        status.replaceChildren(result.kind === 'unavailable' ? notice('unavailable', 'Exports are not available on this issuer yet.', `GET /admin/v1/sessions/{id}/export.${format} answered ${result.status}.`) : notice('error', 'The export failed.', result.reason, result.help));
        return;
      }
      const link = h('a', { download: `session-${session.id}.${format}` });
      // Our own object URL: h() takes only http(s) and same-origin links.
      link.href = URL.createObjectURL(result.value);
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      status.replaceChildren(notice('info', `Exported session-${session.id}.${format}.`));
    });
    return button;
  });
  return h('div', { class: 'exports' }, ...buttons, status);
}

function supplyClaimsForm(session: SessionSummary): HTMLElement | null {
  if (!session.issuanceId || session.credentialConfigurationIds.length === 0) return null;
  const issuanceId = session.issuanceId;
  const configuration = h('select', { id: 'claims-configuration' }, session.credentialConfigurationIds.map((id) => h('option', { value: id }, id)));
  const claims = h('textarea', { id: 'claims-json', rows: 8, spellcheck: 'false', placeholder: '{ "given_name": "Erika", "family_name": "Mustermann" }' });
  const result = h('div', { class: 'claims-result' });
  const waiting = session.state === 'credential_deferred';
  const form = h(
    'form',
    { class: 'supply-claims' },
    h('p', {}, waiting ? 'The wallet is waiting for these claims: it polls the deferred credential endpoint and gets its credential once they are supplied (OID4VCI 1.0 Section 9).' : 'For a deferred issuance: the claims of a credential the issuer did not have when the issuance was created (OID4VCI 1.0 Section 9). The issuer refuses them for an issuance that is not deferred.'),
    h('label', { for: 'claims-configuration' }, 'Credential configuration'),
    configuration,
    h('label', { for: 'claims-json' }, 'Claims (JSON object)'),
    claims,
    h('button', { type: 'submit' }, 'Supply claims'),
    result,
  );
  // Open when the wallet waits for the claims; folded otherwise, below what went wrong.
  const section = h('details', { class: 'supply-claims-section', open: waiting }, h('summary', {}, h('h2', {}, 'Supply claims (deferred issuance)')), form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(claims.value);
    } catch (error) {
      result.replaceChildren(notice('error', 'The claims are not valid JSON.', (error as Error).message));
      return;
    }
    const answer = await supplyClaims(issuanceId, configuration.value, parsed);
    result.replaceChildren(answer.ok ? notice('info', 'Claims supplied.', `Still awaiting claims for: ${JSON.stringify(answer.value['awaiting_claims'] ?? [])}`) : notice('error', `The issuer refused the claims (HTTP ${answer.status}).`, answer.reason, answer.help, answer.specRef && `Specification: ${answer.specRef}`));
  });
  return section;
}
