import { isJsonObject, type ClaimsDescription, type ClaimsPathPointer } from '@issuer/protocol-oid4vci';

export interface FrameNode {
  _sd?: Array<string | number>;
  [key: string]: FrameNode | Array<string | number> | undefined;
}

/**
 * The disclosure frame for @sd-jwt: every described claim is selectively disclosable unless its
 * description says `sd: "never"`. Paths with null are expanded over the array elements present.
 */
export function buildDisclosureFrame(descriptions: readonly ClaimsDescription[], claims: Record<string, unknown>): FrameNode {
  const frame: FrameNode = {};
  for (const description of descriptions) {
    if (description.sd === 'never') continue;
    for (const path of concretePaths(claims, description.path)) addToFrame(frame, path);
  }
  return frame;
}

function concretePaths(root: unknown, pattern: ClaimsPathPointer): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  const walk = (value: unknown, index: number, path: Array<string | number>): void => {
    if (index === pattern.length) {
      found.push(path);
      return;
    }
    const component = pattern[index]!;
    if (typeof component === 'string') {
      if (isJsonObject(value) && Object.hasOwn(value, component)) walk(value[component], index + 1, [...path, component]);
    } else if (Array.isArray(value)) {
      if (component === null) value.forEach((item, i) => walk(item, index + 1, [...path, i]));
      else if (component < value.length) walk(value[component], index + 1, [...path, component]);
    }
  };
  walk(root, 0, []);
  return found;
}

function addToFrame(frame: FrameNode, path: Array<string | number>): void {
  let node = frame;
  for (const component of path.slice(0, -1)) {
    const key = String(component);
    const child = node[key];
    if (child === undefined || Array.isArray(child)) node[key] = {};
    node = node[key] as FrameNode;
  }
  const last = path[path.length - 1]!;
  node._sd ??= [];
  if (!node._sd.includes(last)) node._sd.push(last);
}
