/**
 * Pod priority. Admission should resolve priorityClassName into spec.priority (upstream's
 * Priority admission plugin); when a pod arrives without it, the scheduler resolves it itself
 * from the PriorityClass informer: the named class's value, else the global default class's
 * value, else 0.
 */
import type { Pod } from '../api/core/v1/index.js';
import { SYSTEM_PRIORITY_CLASSES, type PriorityClass } from '../api/scheduling/v1/index.js';
import type { ReadonlyStore } from '../client/index.js';

export class PriorityResolver {
  constructor(private readonly classes?: ReadonlyStore<PriorityClass>) {}

  /** The priority the scheduler uses for the pod. */
  priorityOf(pod: Pod): number {
    const p = pod.spec?.priority;
    if (typeof p === 'number' && Number.isFinite(p)) return p;
    const name = pod.spec?.priorityClassName;
    if (name) {
      const pc = this.classes?.getByName(undefined, name);
      if (pc && typeof pc.value === 'number') return pc.value;
      return SYSTEM_PRIORITY_CLASSES[name] ?? 0;
    }
    return this.globalDefault()?.value ?? 0;
  }

  /** The preemption policy: the pod's, else its class's. */
  preemptionPolicyOf(pod: Pod): 'PreemptLowerPriority' | 'Never' {
    if (pod.spec?.preemptionPolicy) return pod.spec.preemptionPolicy;
    const name = pod.spec?.priorityClassName;
    const pc = name ? this.classes?.getByName(undefined, name) : this.globalDefault();
    return pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  }

  private globalDefault(): PriorityClass | undefined {
    if (!this.classes || this.classes.size === 0) return undefined;
    let best: PriorityClass | undefined;
    for (const pc of this.classes.list()) if (pc.globalDefault && (!best || pc.value > best.value)) best = pc;
    return best;
  }
}
