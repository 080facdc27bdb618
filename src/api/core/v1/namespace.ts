/** core/v1 Namespace: a scope for names, and the unit of most policies. */
import { defineKind } from '../../kind.js';
import type { Condition, KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, invalid } from '../../validation/field-errors.js';
import { isDNS1123Label, isQualifiedName } from '../../validation/names.js';

export interface NamespaceSpec {
  /** Values that must be emptied before the namespace is removed from storage ("kubernetes" by default). */
  finalizers?: string[];
}

export interface NamespaceStatus {
  /** Active, or Terminating while the namespace's content is being deleted. */
  phase?: 'Active' | 'Terminating';
  /** Latest observations of the namespace's state (e.g. NamespaceDeletionContentFailure). */
  conditions?: Condition[];
}

export interface Namespace extends KubeObject {
  /** The finalizers of the namespace. */
  spec?: NamespaceSpec;
  /** The observed state; set by the system. */
  status?: NamespaceStatus;
}

/** The label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export const KUBERNETES_FINALIZER = 'kubernetes';

/** A spec finalizer must be "kubernetes" or a domain-qualified name. */
export function validateFinalizerName(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(field, name, m));
  if (errs.length === 0 && !name.includes('/') && name !== KUBERNETES_FINALIZER) {
    errs.push(invalid(field, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function validateNamespace(ns: Namespace): FieldError[] {
  return (ns.spec?.finalizers ?? []).flatMap((f, i) => validateFinalizerName(f, `spec.finalizers[${i}]`));
}

export const namespace = defineKind<Namespace>({
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  statusSubresource: true,
  extraSubresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }],
  nameValidator: isDNS1123Label,
  generationFields: [],
  defaults(ns) {
    if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name };
    ns.status ??= {};
    ns.status.phase ??= 'Active';
  },
  prepareForCreate(ns) {
    ns.status = { phase: 'Active' };
    ns.spec ??= {};
    const finalizers = ns.spec.finalizers ?? [];
    if (!finalizers.includes(KUBERNETES_FINALIZER)) ns.spec.finalizers = [...finalizers, KUBERNETES_FINALIZER];
  },
  validate: validateNamespace,
  table: {
    columns: [nameColumn, col('Status', 0, 'string', 'The status of the namespace'), ageColumn],
    cells: (ns, now) => [ns.metadata.name, ns.status?.phase ?? '', formatAge(ns.metadata.creationTimestamp, now)],
  },
  fieldSelectors: { 'status.phase': (ns) => ns.status?.phase ?? '' },
});
