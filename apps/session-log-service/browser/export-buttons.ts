import { downloadExport, type ExportFormat, type ExportSource } from './api.js';
import { h, notice } from './dom.js';

const formats: Array<{ format: ExportFormat; label: string }> = [
  { format: 'har', label: 'Download HAR' },
  { format: 'sh', label: 'Download curl script' },
];

/** The timeline as a HAR file and as a curl script, saved as `{name}.har` and `{name}.sh`. */
export function exportButtons(source: ExportSource, name: string): HTMLElement {
  const status = h('div', { class: 'export-status' });
  const buttons = formats.map(({ format, label }) => {
    const button = h('button', { type: 'button', class: 'secondary' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      const result = await downloadExport(source, format);
      button.disabled = false;
      if (!result.ok) {
        status.replaceChildren(notice('error', `The export failed (HTTP ${result.status || 'no answer'}).`, result.reason, result.help));
        return;
      }
      const link = h('a', { download: `${name}.${format}` });
      // Our own object URL: h() takes only http(s) and same-origin links.
      link.href = URL.createObjectURL(result.value);
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      status.replaceChildren(notice('info', `Exported ${name}.${format}.`));
    });
    return button;
  });
  return h('div', { class: 'exports' }, ...buttons, status);
}
