/**
 * What HAR 1.2 (HTTP Archive, W3C Web Performance WG draft "HAR 1.2 Spec") requires of a log: each
 * required member with its type. Returns the problems found, empty for a conforming log.
 */
export function harProblems(har: unknown): string[] {
  const problems: string[] = [];
  const need = (value: unknown, path: string, type: 'string' | 'number' | 'object' | 'array') => {
    const ok = type === 'array' ? Array.isArray(value) : type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === type;
    if (!ok) problems.push(`${path} must be ${type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`}`);
    return ok;
  };
  const nameValues = (value: unknown, path: string) => {
    if (!need(value, path, 'array')) return;
    (value as unknown[]).forEach((item, index) => {
      const pair = item as Record<string, unknown>;
      need(pair?.['name'], `${path}[${index}].name`, 'string');
      need(pair?.['value'], `${path}[${index}].value`, 'string');
    });
  };
  const root = har as Record<string, unknown>;
  if (!need(root?.['log'], 'log', 'object')) return problems;
  const log = root['log'] as Record<string, unknown>;
  need(log['version'], 'log.version', 'string');
  if (need(log['creator'], 'log.creator', 'object')) {
    need((log['creator'] as Record<string, unknown>)['name'], 'log.creator.name', 'string');
    need((log['creator'] as Record<string, unknown>)['version'], 'log.creator.version', 'string');
  }
  if (!need(log['entries'], 'log.entries', 'array')) return problems;
  (log['entries'] as Array<Record<string, unknown>>).forEach((entry, index) => {
    const at = `log.entries[${index}]`;
    if (need(entry['startedDateTime'], `${at}.startedDateTime`, 'string') && Number.isNaN(Date.parse(entry['startedDateTime'] as string))) problems.push(`${at}.startedDateTime must be ISO 8601`);
    need(entry['time'], `${at}.time`, 'number');
    need(entry['cache'], `${at}.cache`, 'object');
    if (need(entry['timings'], `${at}.timings`, 'object')) {
      for (const name of ['send', 'wait', 'receive']) need((entry['timings'] as Record<string, unknown>)[name], `${at}.timings.${name}`, 'number');
    }
    if (need(entry['request'], `${at}.request`, 'object')) {
      const request = entry['request'] as Record<string, unknown>;
      for (const name of ['method', 'url', 'httpVersion']) need(request[name], `${at}.request.${name}`, 'string');
      for (const name of ['headersSize', 'bodySize']) need(request[name], `${at}.request.${name}`, 'number');
      nameValues(request['headers'], `${at}.request.headers`);
      nameValues(request['queryString'], `${at}.request.queryString`);
      need(request['cookies'], `${at}.request.cookies`, 'array');
      if (request['postData'] !== undefined && need(request['postData'], `${at}.request.postData`, 'object')) need((request['postData'] as Record<string, unknown>)['mimeType'], `${at}.request.postData.mimeType`, 'string');
      try {
        new URL(request['url'] as string);
      } catch {
        problems.push(`${at}.request.url must be an absolute URL`);
      }
    }
    if (need(entry['response'], `${at}.response`, 'object')) {
      const response = entry['response'] as Record<string, unknown>;
      for (const name of ['status', 'headersSize', 'bodySize']) need(response[name], `${at}.response.${name}`, 'number');
      for (const name of ['statusText', 'httpVersion', 'redirectURL']) need(response[name], `${at}.response.${name}`, 'string');
      nameValues(response['headers'], `${at}.response.headers`);
      need(response['cookies'], `${at}.response.cookies`, 'array');
      if (need(response['content'], `${at}.response.content`, 'object')) {
        need((response['content'] as Record<string, unknown>)['size'], `${at}.response.content.size`, 'number');
        need((response['content'] as Record<string, unknown>)['mimeType'], `${at}.response.content.mimeType`, 'string');
      }
    }
  });
  return problems;
}
