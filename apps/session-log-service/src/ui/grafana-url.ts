/** GRAFANA_URL: where the detail page links each entry's trace; unset, no links. */
export function grafanaUrlFrom(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error(`Invalid configuration: GRAFANA_URL must be an http(s) URL, not ${value}`);
  return url.href.replace(/\/+$/, '');
}
