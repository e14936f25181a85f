import { setVerboseCapture, supplyClaims, type SessionSummary } from './api.js';
import { formatTime, h, notice } from './dom.js';
import { exportButtons } from './export-buttons.js';

/** The operator's actions on a session: share link, exports, verbose capture, and the claims of a deferred issuance. */
export function adminActions(session: SessionSummary): Node[] {
  return [h('section', { class: 'actions', 'aria-label': 'Actions' }, shareLink(session), exportButtons({ kind: 'session', sessionId: session.id }, `session-${session.id}`), verboseCapture(session)), supplyClaimsForm(session)].filter((node): node is HTMLElement => node !== null);
}

function shareLink(session: SessionSummary): HTMLElement | null {
  if (!session.shareUrl) return null;
  return h('p', {}, 'Share link (read-only, no API key): ', h('a', { href: session.shareUrl, class: 'share-url' }, session.shareUrl));
}

/** Verbose capture keeps proxy and mesh headers on this session's timeline for a while; secrets stay redacted. */
function verboseCapture(session: SessionSummary): HTMLElement {
  const status = h('span', { class: 'verbose-status', 'data-testid': 'verbose-status' });
  const showUntil = (until: string | null) => status.replaceChildren(until && Date.parse(until) > Date.now() ? `on until ${formatTime(until)}` : 'off');
  showUntil(session.verboseCaptureUntil);
  const minutes = h('select', { id: 'verbose-minutes' }, [15, 60, 240].map((value) => h('option', { value: String(value) }, `${value} minutes`)));
  const result = h('div', { class: 'verbose-result' });
  const button = (label: string, value: () => number) => {
    const element = h('button', { type: 'button', class: 'secondary' }, label);
    element.addEventListener('click', async () => {
      element.disabled = true;
      const answer = await setVerboseCapture(session.id, value());
      element.disabled = false;
      if (!answer.ok) {
        result.replaceChildren(notice('error', `Verbose capture was not changed (HTTP ${answer.status || 'no answer'}).`, answer.reason, answer.help));
        return;
      }
      result.replaceChildren();
      showUntil(answer.value.verbose_capture_until);
    });
    return element;
  };
  return h(
    'div',
    { class: 'verbose-capture' },
    h('p', {}, 'Verbose capture (proxy and mesh headers, secrets still redacted): ', status),
    h('label', { for: 'verbose-minutes' }, 'For '),
    minutes,
    ' ',
    button('Turn verbose capture on', () => Number(minutes.value)),
    ' ',
    button('Turn it off', () => 0),
    result,
  );
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
