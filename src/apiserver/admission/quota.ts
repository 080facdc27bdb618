/**
 * ResourceQuota and LimitRange admission, as kube-apiserver's plugins:
 * - LimitRanger (pods): default requests and limits from the namespace's LimitRanges, then
 *   min/max/ratio checks; a violation is 403 Forbidden.
 * - ResourceQuota (every namespaced kind): a create that would pass a quota's status.hard is
 *   403 Forbidden with upstream's "exceeded quota" message; otherwise the new usage is charged to
 *   the quota's status.used with compare-and-swap (the quota controller recounts it later).
 */
import type { LimitRange, Pod, ResourceQuota } from '../../api/core/v1/index.js';
import { applyLimitRangeDefaults, checkLimitRanges } from '../../api/limitrange-defaults.js';
import type { KubeObject } from '../../api/meta.js';
import { evaluateQuotas } from '../../api/quota/index.js';
import { ApiError } from '../../machinery/index.js';
import { type Backend, ConflictError } from '../../storage/index.js';
import { decodeStored } from '../registry/codec.js';
import type { KindHooks, RequestScope } from '../registry/hooks.js';
import { LIMIT_RANGES, listPrefix, RESOURCE_QUOTAS, type StorageTarget } from '../registry/keys.js';

const QUOTA_ATTEMPTS = 5;

async function listIn<T extends KubeObject>(backend: Backend, target: StorageTarget, namespace: string): Promise<{ obj: T; modRevision: number; key: string }[]> {
  const res = await backend.list(listPrefix(target, namespace));
  return res.items.map((kv) => ({ obj: decodeStored(kv) as T, modRevision: kv.modRevision, key: kv.key }));
}

function forbidden(scope: RequestScope, obj: KubeObject, reason: string): ApiError {
  return ApiError.forbidden({ group: scope.kind.group, resource: scope.kind.plural }, obj.metadata.name ?? '', { reason });
}

export function limitRanger(backend: Backend): KindHooks {
  return {
    async beforeCreate(obj, scope) {
      const ranges = (await listIn<LimitRange>(backend, LIMIT_RANGES, scope.namespace)).map((r) => r.obj);
      if (!ranges.length) return;
      applyLimitRangeDefaults(obj as Pod, ranges);
      const problem = checkLimitRanges(obj as Pod, ranges, { kind: 'Pod' });
      if (problem) throw forbidden(scope, obj, problem);
    },
  };
}

export function resourceQuota(backend: Backend): KindHooks {
  return {
    async beforeCreate(obj, scope) {
      const resource = { group: scope.kind.group, resource: scope.kind.plural };
      for (let attempt = 0; attempt < QUOTA_ATTEMPTS; attempt++) {
        const quotas = await listIn<ResourceQuota>(backend, RESOURCE_QUOTAS, scope.namespace);
        if (!quotas.length) return;
        const decision = evaluateQuotas(quotas.map((q) => q.obj), obj, { resource });
        if (decision.error) throw forbidden(scope, obj, decision.error);
        if (scope.dryRun) return;
        try {
          for (const charge of decision.charges) {
            const stored = quotas.find((q) => q.obj === charge.quota)!;
            const next = structuredClone(stored.obj);
            next.status = { ...(next.status ?? {}), used: charge.used };
            delete next.metadata.resourceVersion;
            await backend.update(stored.key, JSON.stringify(next), stored.modRevision);
          }
          return;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      }
      throw ApiError.conflict({ group: '', resource: 'resourcequotas' }, '', { detail: 'too many concurrent quota updates; please retry' });
    },
  };
}
