import { routeTable, type Route } from '@issuer/contracts-routes';

export const chartRoutesFile = 'charts/issuer-platform/files/routes.yaml';

/** The route table as the chart reads it (files/routes.yaml): the VirtualService routes from it. */
export function chartRoutesYaml(routes: readonly Route[] = routeTable): string {
  return [
    '# Which service owns which public path: generated from libs/contracts/routes/src/route-table.ts',
    '# (tools/helm/chart.spec.ts fails when it differs). Edit the route table, not this file.',
    'routes:',
    ...routes.map((route) => `  - { path: ${JSON.stringify(route.path)}, service: ${route.service} }`),
    '',
  ].join('\n');
}
