/**
 * The namespace controller's reconcile (upstream NamespacedResourcesDeleter): a namespace being
 * deleted that still carries the `kubernetes` finalizer has all its content deleted; the
 * status conditions say what remains (and which finalizers hold it); once nothing remains the
 * finalizer is removed through namespaces/{name}/finalize and the apiserver deletes the namespace.
 */
import type { Namespace } from '../../api/core/v1/index.js';
import type { Condition, KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import { semanticEqual } from '../../api/validation/semantic-equal.js';
import type { ReadonlyStore } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';
import { rfc3339, type Reconciler, type Request, type Result } from '../runtime/index.js';
import type { NamespaceContentAccess } from './content.js';

export const KUBERNETES_FINALIZER = 'kubernetes';

/** The five deletion conditions upstream reports, with their "all is well" reason and message. */
const CONDITIONS = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered', 'DiscoveryFailed'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed', 'GroupVersionParsingFailed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization', 'ContentDeletionFailed'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed', 'SomeResourcesRemain'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished', 'SomeFinalizersRemain'],
] as const;

export interface NamespaceDeleterDeps {
  namespaces: ReadonlyStore<Namespace>;
  kinds: AnyKind[];
  access: NamespaceContentAccess;
  nowMs(): number;
  /** How soon to look again while content remains (default 1000 ms). */
  pollMs?: number;
}

interface Sweep {
  failures: string[];
  /** "pods. has 2 resource instances" per kind with objects left. */
  remaining: string[];
  /** finalizer → objects carrying it. */
  finalizers: Map<string, number>;
}

export class NamespaceDeleter implements Reconciler {
  constructor(private readonly d: NamespaceDeleterDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const ns = this.d.namespaces.getByName(undefined, req.name);
    if (!ns?.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return;
    const sweep = await this.deleteAllContent(req.name);
    await this.updateConditions(ns, sweep);
    if (sweep.failures.length || sweep.remaining.length) return { requeueAfterMs: this.d.pollMs ?? 1000 };
    try {
      await this.d.access.finalize(ns, (ns.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async deleteAllContent(namespace: string): Promise<Sweep> {
    const sweep: Sweep = { failures: [], remaining: [], finalizers: new Map() };
    await Promise.all(
      this.d.kinds.map(async (kind) => {
        let left: KubeObject[];
        try {
          if ((await this.d.access.list(kind, namespace)).length === 0) return;
          await this.d.access.deleteAll(kind, namespace);
          left = await this.d.access.list(kind, namespace);
        } catch (err) {
          sweep.failures.push(`${kind.plural}${kind.group ? `.${kind.group}` : ''}: ${(err as Error)?.message ?? String(err)}`);
          return;
        }
        if (left.length === 0) return;
        sweep.remaining.push(`${kind.plural}.${kind.group} has ${left.length} resource instances`);
        for (const o of left) for (const f of o.metadata.finalizers ?? []) sweep.finalizers.set(f, (sweep.finalizers.get(f) ?? 0) + 1);
      }),
    );
    sweep.remaining.sort();
    sweep.failures.sort();
    return sweep;
  }

  private async updateConditions(ns: Namespace, sweep: Sweep): Promise<void> {
    const now = rfc3339(this.d.nowMs());
    const bad: Record<string, string | undefined> = {
      NamespaceDeletionContentFailure: sweep.failures.length ? `Failed to delete all resource types, ${sweep.failures.length} remaining: ${sweep.failures.join(', ')}` : undefined,
      NamespaceContentRemaining: sweep.remaining.length ? `Some resources are remaining: ${sweep.remaining.join(', ')}` : undefined,
      NamespaceFinalizersRemaining: sweep.finalizers.size
        ? `Some content in the namespace has finalizers remaining: ${[...sweep.finalizers].sort().map(([f, n]) => `${f} in ${n} resource instances`).join(', ')}`
        : undefined,
    };
    const old = ns.status?.conditions ?? [];
    const conditions: Condition[] = CONDITIONS.map(([type, okReason, okMessage, badReason]) => {
      const msg = bad[type];
      const next: Condition = msg ? { type, status: 'True', reason: badReason, message: msg } : { type, status: 'False', reason: okReason, message: okMessage };
      const prev = old.find((c) => c.type === type);
      next.lastTransitionTime = prev && prev.status === next.status ? prev.lastTransitionTime : now;
      return next;
    });
    if (ns.status?.phase === 'Terminating' && semanticEqual(old, conditions)) return;
    await this.d.access.updateStatus({ ...ns, status: { ...ns.status, phase: 'Terminating', conditions } });
  }
}
