/** Table output (meta.k8s.io/v1 Table) for `kubectl get`, with PartialObjectMetadata rows. */
import type { KubeObject, ListMeta } from '../api/meta.js';
import type { AnyKind } from '../api/scheme.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** True when the Accept header asks for a Table (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const p = part.toLowerCase();
    return p.includes('as=table') && p.includes('g=meta.k8s.io');
  });
}

/** The Table version the client asked for first (v1 or v1beta1). */
export function tableVersion(accept: string | undefined): string {
  const first = (accept ?? '').split(',').find((p) => p.toLowerCase().includes('as=table'));
  return first && /v=v1beta1/.test(first) ? 'meta.k8s.io/v1beta1' : 'meta.k8s.io/v1';
}

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function rowObject(obj: KubeObject, include: IncludeObject, apiVersion: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: apiVersion.replace('v1beta1', 'v1'), metadata: obj.metadata };
}

export interface TableOptions {
  include: IncludeObject;
  apiVersion: string;
  /** Leave out columnDefinitions (watch events after the first). */
  noHeaders?: boolean;
  listMeta?: ListMeta;
}

export function toTable(kind: AnyKind, objects: readonly KubeObject[], opts: TableOptions): Record<string, unknown> {
  const nowDate = new Date();
  const rows = objects.map((obj) => {
    let cells: unknown[];
    try {
      cells = kind.table.cells(obj, nowDate);
    } catch {
      cells = kind.table.columns.map((_, i) => (i === 0 ? obj.metadata.name : '<unknown>'));
    }
    const row: Record<string, unknown> = { cells };
    const o = rowObject(obj, opts.include, opts.apiVersion);
    if (o !== undefined) row.object = o;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: opts.apiVersion,
    metadata: opts.listMeta ?? {},
    columnDefinitions: opts.noHeaders
      ? null
      : kind.table.columns.map((c) => ({
          name: c.name,
          type: c.type,
          format: c.format ?? '',
          description: c.description ?? '',
          priority: c.priority ?? 0,
        })),
    rows,
  };
}
