/**
 * Namespace lifecycle: objects may only be created in a namespace that exists and is not
 * terminating; the four system namespaces may not be deleted.
 */
import type { KubeObject } from '../../api/meta.js';
import { ApiError } from '../../machinery/index.js';
import type { Backend } from '../../storage/index.js';
import { decodeStored } from '../registry/codec.js';
import type { KindHooks, RequestScope } from '../registry/hooks.js';
import { NAMESPACES, objectKey } from '../registry/keys.js';

type NamespaceLike = KubeObject & { spec?: { finalizers?: string[] } };

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function namespaceLifecycle(backend: Backend): KindHooks {
  return {
    async beforeCreate(obj: KubeObject, scope: RequestScope) {
      const nsName = scope.namespace;
      const kv = await backend.get(objectKey(NAMESPACES, '', nsName));
      if (!kv) throw ApiError.notFound({ group: '', resource: 'namespaces' }, nsName);
      const ns = decodeStored(kv) as KubeObject & { status?: { phase?: string } };
      if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
        throw ApiError.forbidden(
          { group: scope.kind.group, resource: scope.kind.plural },
          obj.metadata.name ?? '',
          { reason: `unable to create new content in namespace ${nsName} because it is being terminated` },
        );
      }
    },
  };
}

/** Namespaces: deletion marks them Terminating; the system ones cannot be deleted. */
export function namespaceDeletion(): KindHooks {
  return {
    deleteGraceSeconds(obj) {
      if (SYSTEM_NAMESPACES.includes(obj.metadata.name ?? '')) {
        throw ApiError.forbidden(
          { group: '', resource: 'namespaces' },
          obj.metadata.name ?? '',
          { reason: 'this namespace may not be deleted' },
        );
      }
      return undefined;
    },
    prepareUpdate(obj, old, scope) {
      // spec.finalizers only change through the finalize subresource.
      if (scope.subresource === 'finalize') return;
      const spec = ((obj as NamespaceLike).spec ??= {});
      const prev = (old as NamespaceLike).spec?.finalizers;
      if (prev) spec.finalizers = prev;
      else delete spec.finalizers;
    },
    pendingFinalizers(obj) {
      const spec = (obj as KubeObject & { spec?: { finalizers?: string[] } }).spec;
      return (spec?.finalizers ?? []).length > 0;
    },
    beginDelete(obj) {
      const ns = obj as KubeObject & { status?: { phase?: string } };
      ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
    },
  };
}
