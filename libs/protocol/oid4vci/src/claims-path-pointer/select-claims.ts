import type { ClaimsPathPointer } from './z-claims-path-pointer.js';

/**
 * OID4VCI 1.0 Appendix C.1.1: applies a claims path pointer to a JSON-based credential.
 * Returns undefined where the processing rules abort with an error, including an empty selection.
 */
export function selectClaims(root: unknown, path: ClaimsPathPointer): unknown[] | undefined {
  let selection: unknown[] = [root];
  for (const component of path) {
    const next: unknown[] = [];
    for (const element of selection) {
      if (typeof component === 'string') {
        if (!isJsonObject(element)) return undefined;
        if (Object.hasOwn(element, component)) next.push(element[component]);
      } else if (component === null) {
        if (!Array.isArray(element)) return undefined;
        next.push(...element);
      } else {
        if (!Array.isArray(element) || component < 0) return undefined;
        if (component < element.length) next.push(element[component]);
      }
    }
    selection = next;
  }
  return selection.length > 0 ? selection : undefined;
}

/** Renders a claims path pointer for people: `address.locality`, `nationalities[0]`, `degrees[*].type`. */
export function formatClaimsPath(path: ReadonlyArray<string | number | null>): string {
  return path
    .map((component, index) => {
      if (component === null) return '[*]';
      if (typeof component === 'number') return `[${component}]`;
      return index === 0 ? component : `.${component}`;
    })
    .join('');
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
