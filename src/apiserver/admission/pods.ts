/**
 * Graceful pod deletion: a pod bound to a node is only marked (deletionTimestamp plus grace
 * period) so that the node's agent can stop it and confirm; an unbound or finished pod goes at once.
 */
import type { KubeObject } from '../../api/meta.js';
import type { DeleteOptions, KindHooks } from '../registry/hooks.js';

interface PodLike extends KubeObject {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

export function podDeletion(): KindHooks {
  return {
    deleteGraceSeconds(obj: KubeObject, opts: DeleteOptions) {
      const pod = obj as PodLike;
      if (!pod.spec?.nodeName) return 0;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return 0;
      return opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    },
  };
}
