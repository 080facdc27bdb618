/**
 * Pod admission, as kube-apiserver's built-in plugins do it on create:
 * - Priority: resolves spec.priorityClassName (or the global default class) into spec.priority
 *   and spec.preemptionPolicy; an unknown class is 403 Forbidden.
 * - ServiceAccount: spec.serviceAccountName defaults to "default".
 * - DefaultTolerationSeconds: tolerations for the not-ready and unreachable NoExecute taints,
 *   300 s, unless the pod already tolerates them.
 */
import type { KubeObject } from '../../api/meta.js';
import { ApiError } from '../../machinery/index.js';
import type { Backend } from '../../storage/index.js';
import { decodeStored } from '../registry/codec.js';
import type { KindHooks, RequestScope } from '../registry/hooks.js';
import { objectKey, PRIORITY_CLASSES, resourcePrefix } from '../registry/keys.js';

const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface PodLike extends KubeObject {
  spec?: {
    priorityClassName?: string;
    priority?: number;
    preemptionPolicy?: string;
    serviceAccountName?: string;
    serviceAccount?: string;
    tolerations?: Toleration[];
  };
}

interface PriorityClassLike extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

async function findGlobalDefault(backend: Backend): Promise<PriorityClassLike | undefined> {
  const res = await backend.list(resourcePrefix(PRIORITY_CLASSES));
  return res.items.map((kv) => decodeStored(kv) as PriorityClassLike).find((pc) => pc.globalDefault);
}

function tolerates(tols: Toleration[], key: string): boolean {
  return tols.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
}

export function podAdmission(backend: Backend): KindHooks {
  return {
    async beforeCreate(obj: KubeObject, scope: RequestScope) {
      const pod = obj as PodLike;
      const spec = (pod.spec ??= {});
      let pc: PriorityClassLike | undefined;
      if (spec.priorityClassName) {
        const kv = await backend.get(objectKey(PRIORITY_CLASSES, '', spec.priorityClassName));
        if (!kv) {
          throw ApiError.forbidden({ group: '', resource: 'pods' }, scope.name, {
            reason: `no PriorityClass with name ${spec.priorityClassName} was found`,
          });
        }
        pc = decodeStored(kv) as PriorityClassLike;
      } else {
        pc = await findGlobalDefault(backend);
        if (pc) spec.priorityClassName = pc.metadata.name;
      }
      const value = pc?.value ?? 0;
      if (spec.priority !== undefined && spec.priority !== value) {
        throw ApiError.forbidden({ group: '', resource: 'pods' }, scope.name, {
          reason: 'the integer value of priority must not be provided in pod spec; priority admission controller computed ' +
            `${value} from the given PriorityClass name`,
        });
      }
      spec.priority = value;
      spec.preemptionPolicy ??= pc?.preemptionPolicy ?? 'PreemptLowerPriority';
      if (!spec.serviceAccountName) {
        spec.serviceAccountName = 'default';
        spec.serviceAccount = 'default';
      }
      const tols = (spec.tolerations ??= []);
      for (const key of [NOT_READY, UNREACHABLE]) {
        if (!tolerates(tols, key)) {
          tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
        }
      }
    },
  };
}
