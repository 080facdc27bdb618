/** networking.k8s.io/v1 Ingress kind: registration and printer. */
import { defineKind } from '../../kind.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import type { Ingress, IngressRule } from './ingress-types.js';
import { validateIngress, validateIngressStatus } from './ingress-validation.js';

/** Up to three hosts, "*" when no rule names one, "+ N more..." past three (formatHosts). */
export function formatHosts(rules: IngressRule[] | undefined): string {
  const list: string[] = [];
  const all = rules ?? [];
  let more = false;
  for (const rule of all) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const text = list.join(',');
  return more ? `${text} + ${all.length - 3} more...` : text;
}

/** The load balancer addresses, de-duplicated and sorted. */
export function formatIngressAddress(ing: Ingress): string {
  const set = new Set<string>();
  for (const lb of ing.status?.loadBalancer?.ingress ?? []) {
    if (lb.ip) set.add(lb.ip);
    else if (lb.hostname) set.add(lb.hostname);
  }
  return [...set].sort().join(',');
}

export const ingress = defineKind<Ingress>({
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  statusSubresource: true,
  generationFields: ['spec'],
  prepareForCreate(ing) {
    ing.status = {};
  },
  validate: validateIngress,
  validateStatusUpdate: validateIngressStatus,
  table: {
    columns: [
      nameColumn,
      col('Class', 0, 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
      col('Hosts', 0, 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
      col('Address', 0, 'string', 'Address is a list containing ingress points for the load-balancer'),
      col('Ports', 0, 'string', 'Ports of TLS configurations that open'),
      ageColumn,
    ],
    cells: (ing, now) => [
      ing.metadata.name,
      ing.spec?.ingressClassName ?? '<none>',
      formatHosts(ing.spec?.rules),
      formatIngressAddress(ing),
      ing.spec?.tls?.length ? '80, 443' : '80',
      formatAge(ing.metadata.creationTimestamp, now),
    ],
  },
});
