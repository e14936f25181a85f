export type Child = Node | string | number | null | undefined | false;
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Builds an element; text is added as text nodes, so nothing given here is ever parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Array<Child | Child[]>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'href' && !isSafeUrl(String(value))) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** Only http(s), same-origin paths and fragments: a `javascript:` URL from a wallet never becomes a link. */
export function isSafeUrl(url: string): boolean {
  if (url.startsWith('/') || url.startsWith('#')) return !url.startsWith('//');
  return /^https?:\/\//i.test(url);
}

export function main(): HTMLElement {
  return document.getElementById('main') as HTMLElement;
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** A problem the page explains in words, with the API's reason and help when it gave them. */
export function notice(kind: 'error' | 'unavailable' | 'info', title: string, ...details: Array<string | undefined>): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('strong', {}, title), ...details.filter(Boolean).map((detail) => h('p', {}, detail)));
}
