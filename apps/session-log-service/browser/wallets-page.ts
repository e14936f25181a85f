import { listWallets } from './api.js';
import { h, main } from './dom.js';
import { jsonView } from './json-view.js';
import { failureNotice, withApiKey } from './key-form.js';

/** Columns a person looks for first; any other field the aggregate has follows. */
const preferred = ['wallet', 'sessions', 'features', 'features_exercised', 'failures', 'dialects'];

withApiKey(async () => {
  const result = await listWallets();
  if (!result.ok) {
    if (result.kind !== 'unauthorized' && result.kind !== 'forbidden') main().replaceChildren(h('h1', {}, 'Wallet compatibility'), failureNotice(result, 'Wallet compatibility'));
    return result;
  }
  const rows = result.value;
  const columns = [...new Set([...preferred.filter((name) => rows.some((row) => name in row)), ...rows.flatMap((row) => Object.keys(row))])];
  main().replaceChildren(
    h('h1', {}, 'Wallet compatibility'),
    h('p', {}, 'Per wallet: how many sessions, which protocol features they exercised, where they failed, and which dialects they spoke.'),
    rows.length
      ? h('table', { class: 'wallets' }, h('thead', {}, h('tr', {}, columns.map((column) => h('th', {}, column.replace(/_/g, ' '))))), h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((column) => h('td', {}, cell(row[column])))))))
      : h('p', { class: 'muted' }, 'No wallet has been seen yet.'),
  );
});

function cell(value: unknown): Node | string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.join(', ');
  if (typeof value === 'object') return jsonView(value, 1);
  return String(value);
}
