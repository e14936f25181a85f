import { listWallets, type WalletCompatibility } from './api.js';
import { formatTime, h, main } from './dom.js';
import { failureNotice, withApiKey } from './key-form.js';
import { stateClass } from './session-states.js';

/** What each feature count means, in the words a wallet developer would use. */
const featureNames: Record<string, string> = {
  dpop_nonce_retry: 'DPoP nonce retry',
  batch_issuance: 'batch issuance',
  credential_response_encryption: 'credential response encryption',
  key_attestation: 'key attestation',
  deferred_polling: 'deferred polling',
  deferred_interval_honoured: 'deferred interval honoured',
  deferred_interval_ignored: 'deferred interval ignored',
  notifications: 'notifications',
};

withApiKey(async () => {
  const result = await listWallets();
  if (!result.ok) {
    if (result.kind !== 'unauthorized' && result.kind !== 'forbidden') main().replaceChildren(h('h1', {}, 'Wallet compatibility'), failureNotice(result, 'Wallet compatibility'));
    return result;
  }
  const { wallets, sessions_considered: considered } = result.value;
  main().replaceChildren(
    h('h1', {}, 'Wallet compatibility'),
    h('p', {}, `Per wallet, over the ${considered} most recent sessions: how many sessions, where they ended, which dialects they spoke, which protocol features they exercised (in how many sessions), and where they failed.`),
    wallets.length
      ? h(
          'table',
          { class: 'wallets' },
          h('thead', {}, h('tr', {}, ['Wallet', 'Sessions', 'States', 'Dialects', 'Features exercised', 'Failures', 'Seen'].map((title) => h('th', {}, title)))),
          h('tbody', {}, wallets.map(walletRow)),
        )
      : h('p', { class: 'muted' }, 'No wallet has been seen yet.'),
  );
});

function walletRow(wallet: WalletCompatibility): HTMLElement {
  const features = Object.entries(wallet.features ?? {}).filter(([, count]) => count > 0);
  return h(
    'tr',
    { 'data-wallet': wallet.wallet_label },
    h('td', { class: 'wallet-label' }, h('strong', {}, wallet.wallet_label), wallet.user_agents.length > 0 && h('div', { class: 'muted' }, wallet.user_agents.join(', '))),
    h('td', { class: 'wallet-sessions' }, String(wallet.sessions)),
    h('td', { class: 'wallet-states' }, list(Object.entries(wallet.states ?? {}).map(([state, count]) => h('span', {}, h('span', { class: stateClass(state) }, state), ` ×${count}`)))),
    h('td', { class: 'wallet-dialects' }, wallet.dialects.length ? wallet.dialects.join(', ') : h('span', { class: 'muted' }, 'none detected')),
    h('td', { class: 'wallet-features' }, features.length ? list(features.map(([name, count]) => `${featureNames[name] ?? name.replace(/_/g, ' ')} ×${count}`)) : h('span', { class: 'muted' }, 'none')),
    h('td', { class: 'wallet-failures' }, wallet.failures.length ? list(wallet.failures.map((failure) => h('span', {}, h('code', {}, failure.step), ' ', h('code', { class: 'error-code' }, failure.error), ` ×${failure.count}`))) : h('span', { class: 'muted' }, 'none')),
    h('td', { class: 'wallet-seen' }, formatTime(wallet.first_seen), h('br'), formatTime(wallet.last_seen)),
  );
}

function list(items: Array<Node | string>): HTMLElement {
  return h('ul', { class: 'cells' }, items.map((item) => h('li', {}, item)));
}
