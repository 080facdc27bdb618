/** Table helpers shared by the workload kinds (apps, batch) and the default table. */
import type { TableColumn } from './kind.js';
import type { KubeObject } from './meta.js';
import { ageColumn, col, formatAge, nameColumn } from './printing.js';
import { rfc3339 } from '../util/index.js';

/** The part of a container the wide columns show. */
export interface NamedImage {
  name: string;
  image?: string;
}

/** The wide "Containers" and "Images" columns, in that order. */
export const containerColumns: TableColumn[] = [
  col('Containers', 1, 'string', 'Names of each container in the template.'),
  col('Images', 1, 'string', 'Images referenced by each container in the template.'),
];

/** The two cells under `containerColumns`: names and images joined by ','. */
export function containerCells(containers: readonly NamedImage[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** The wide "Selector" column. */
export function selectorColumn(description: string): TableColumn {
  return col('Selector', 1, 'string', description);
}

/** kubectl's rendering of an optional boolean: "True", "False" or "<unset>". */
export function formatBoolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** The "Created At" column of the apiserver's default table (kinds without their own printer). */
export const createdAtColumn: TableColumn = {
  name: 'Created At',
  type: 'date',
  format: '',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not ' +
    'guaranteed to be set in happens-before order across separate operations. Clients may not set this value. ' +
    'It is represented in RFC3339 form and is in UTC.',
  priority: 0,
};

/** The creation time in RFC3339 (seconds, UTC), as the default table prints it. */
export function createdAtCell(timestamp: string | null | undefined): string {
  if (!timestamp) return '';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? timestamp : rfc3339(t);
}

/**
 * The layout every workload table shares: Name, the kind's own columns, Age, then the wide
 * Containers and Images (and Selector, when `selectorDescription` is given).
 */
export function workloadColumns(own: TableColumn[], selectorDescription?: string): TableColumn[] {
  const tail = selectorDescription === undefined ? [] : [selectorColumn(selectorDescription)];
  return [nameColumn, ...own, ageColumn, ...containerColumns, ...tail];
}

/** The cells under `workloadColumns`; pass `selector` when the table has the Selector column. */
export function workloadCells(
  obj: KubeObject,
  now: Date,
  opts: { own: unknown[]; containers: readonly NamedImage[] | undefined; selector?: string },
): unknown[] {
  const tail = opts.selector === undefined ? [] : [opts.selector];
  return [obj.metadata.name, ...opts.own, formatAge(obj.metadata.creationTimestamp, now), ...containerCells(opts.containers), ...tail];
}
