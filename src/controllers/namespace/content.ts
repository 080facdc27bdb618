/** What the namespace controller deletes: every namespaced kind, through an interface tests can fake. */
import { namespace as namespaceKind, type Namespace } from '../../api/core/v1/index.js';
import { DEFAULT_VERBS } from '../../api/kind.js';
import type { KubeObject } from '../../api/meta.js';
import { scheme, type AnyKind } from '../../api/scheme.js';
import type { RestClient } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';

export interface NamespaceContentAccess {
  /** Every object of `kind` in `namespace`. */
  list(kind: AnyKind, namespace: string): Promise<KubeObject[]>;
  /** Deletes every object of `kind` in `namespace` (Background propagation). */
  deleteAll(kind: AnyKind, namespace: string): Promise<void>;
  updateStatus(ns: Namespace): Promise<Namespace>;
  /** PUT namespaces/{name}/finalize with the given spec.finalizers. */
  finalize(ns: Namespace, finalizers: string[]): Promise<Namespace>;
}

/** Namespaced kinds that can be listed and deleted, one per group and kind. */
export function namespacedKinds(kinds: readonly AnyKind[] = scheme.kinds): AnyKind[] {
  const seen = new Set<string>();
  return kinds.filter((k) => {
    const verbs = k.verbs ?? DEFAULT_VERBS;
    const id = `${k.group}/${k.kind}`;
    if (!k.namespaced || !verbs.includes('list') || !verbs.includes('delete') || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function apiContentAccess(client: RestClient): NamespaceContentAccess {
  return {
    list: async (kind, ns) => (await client.resource(kind).listAll(ns, { limit: 500 })).items,
    async deleteAll(kind, ns) {
      const rc = client.resource(kind);
      const verbs = kind.verbs ?? DEFAULT_VERBS;
      if (verbs.includes('deletecollection')) {
        await rc.deleteCollection(ns, { propagationPolicy: 'Background' });
        return;
      }
      for (const o of (await rc.listAll(ns)).items) {
        await rc.delete(ns, o.metadata.name ?? '', { propagationPolicy: 'Background' }).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
      }
    },
    updateStatus: (ns) => client.resource<Namespace>(namespaceKind).updateStatus(ns),
    finalize: (ns, finalizers) =>
      client.resource<Namespace>(namespaceKind).updateSubresource<Namespace>(undefined, ns.metadata.name ?? '', {
        subresource: 'finalize',
        body: { ...ns, spec: { ...ns.spec, finalizers } },
      }),
  };
}
