import { isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';

export interface ValuesParameter {
  key: string;
  defaultValue: unknown;
  description: string;
}

/**
 * The parameters of a values.yaml: every key whose comment starts with `-- ` (its description),
 * with its default. A documented map is one parameter; an undocumented map is walked into; an
 * undocumented leaf is an error, so no parameter goes without a description.
 */
export function valuesParameters(valuesYaml: string): ValuesParameter[] {
  const document = parseDocument(valuesYaml);
  if (!isMap(document.contents)) throw new Error('values.yaml is not a map');
  return walk(document.contents, '', document.contents.commentBefore ?? document.commentBefore ?? undefined);
}

function walk(map: YAMLMap, prefix: string, firstComment: string | undefined): ValuesParameter[] {
  return map.items.flatMap((pair: Pair, index) => {
    const keyNode = pair.key;
    const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const key = prefix ? `${prefix}.${name}` : name;
    const comment = [index === 0 ? firstComment : undefined, isScalar(keyNode) ? keyNode.commentBefore : undefined].filter(Boolean).join('\n');
    const description = /(?:^|\n)\s*-- ([\s\S]*)$/.exec(comment ?? '')?.[1]?.replace(/\s*\n\s*/g, ' ').trim();
    if (description !== undefined) return [{ key, defaultValue: isMap(pair.value) || !isScalar(pair.value) ? (pair.value as { toJSON(): unknown } | null)?.toJSON() : pair.value.value, description }];
    if (isMap(pair.value)) return walk(pair.value, key, pair.value.commentBefore ?? undefined);
    throw new Error(`values.yaml: ${key} has no "# -- " description`);
  });
}

const start = '<!-- parameters:start (generated from values.yaml by tools/helm/chart-docs.ts) -->';
const end = '<!-- parameters:end -->';

/** The README with its parameter table regenerated from values.yaml. */
export function chartReadme(readme: string, valuesYaml: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`the chart README lacks the ${start} ... ${end} markers`);
  const rows = valuesParameters(valuesYaml).map(({ key, defaultValue, description }) => `| \`${key}\` | \`${JSON.stringify(defaultValue ?? null).replace(/\|/g, '\\|')}\` | ${description.replace(/\|/g, '\\|')} |`);
  const table = ['| parameter | default | description |', '|---|---|---|', ...rows].join('\n');
  return `${readme.slice(0, from + start.length)}\n\n${table}\n\n${readme.slice(to)}`;
}
