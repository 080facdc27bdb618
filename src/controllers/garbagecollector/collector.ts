/**
 * The garbage collector's work items (upstream attemptToDeleteItem and attemptToOrphan):
 * - an object none of whose owners exists any more is deleted (Background, or its own
 *   orphan/foreground finalizer's policy); owners that are gone are dropped from an object that
 *   keeps a live owner;
 * - an owner deleted in the foreground keeps its `foregroundDeletion` finalizer until no
 *   dependent with blockOwnerDeletion is left, its dependents being deleted meanwhile;
 * - an owner deleted with the `orphan` finalizer has its ownerReference removed from every
 *   dependent, then the finalizer removed.
 * Decisions that delete are verified with uncached reads, never taken on the cache alone.
 */
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import type { DeleteOptions } from '../../client/index.js';
import { isConflict, isNotFound } from '../../machinery/index.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type GraphNode, type Identity, type OwnerGraph } from './graph.js';

/** How the collector reads and writes arbitrary kinds (a RestClient in production). */
export interface ObjectAccess {
  get(kind: AnyKind, namespace: string, name: string): Promise<KubeObject>;
  patch(kind: AnyKind, namespace: string, name: string, body: unknown): Promise<KubeObject>;
  delete(kind: AnyKind, namespace: string, name: string, opts: DeleteOptions): Promise<unknown>;
}

export interface CollectorDeps {
  graph: OwnerGraph;
  access: ObjectAccess;
  /** Queue more work (uids). */
  attemptToDelete(uid: string): void;
  log(line: string): void;
}

type OwnerState = 'solid' | 'dangling' | 'waiting';

export class Collector {
  constructor(private readonly d: CollectorDeps) {}

  /** The object of `id` as the API has it now; undefined when gone or replaced (another uid). */
  private async latest(id: Identity): Promise<KubeObject | undefined> {
    if (!id.kind) return undefined;
    try {
      const obj = await this.d.access.get(id.kind, id.namespace, id.name);
      return obj.metadata.uid === id.uid ? obj : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async attemptToDelete(uid: string): Promise<void> {
    const node = this.d.graph.get(uid);
    if (!node) return;
    if (node.virtual) return this.verifyVirtual(node);
    if (node.beingDeleted && !node.deletingDependents) return;
    if (node.deletingDependents) return this.processDeletingDependents(node);
    const latest = await this.latest(node.identity);
    if (!latest) return; // gone: the informer will tell the graph
    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const states = await Promise.all(refs.map((r) => this.ownerState(r, node.identity.namespace)));
    const solid = refs.filter((_, i) => states[i] === 'solid');
    const dangling = refs.filter((_, i) => states[i] === 'dangling');
    const waiting = refs.filter((_, i) => states[i] === 'waiting');
    const id = node.identity;
    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Keep the object for its live owners; drop the references to the others.
      const gone = new Set([...dangling, ...waiting].map((r) => r.uid));
      await this.d.access.patch(id.kind!, id.namespace, id.name, {
        metadata: { resourceVersion: latest.metadata.resourceVersion, ownerReferences: refs.filter((r) => !gone.has(r.uid)) },
      });
      return;
    }
    let policy: NonNullable<DeleteOptions['propagationPolicy']> = 'Background';
    const fins = latest.metadata.finalizers ?? [];
    if (waiting.length && node.dependents.size) policy = 'Foreground';
    else if (fins.includes(ORPHAN_FINALIZER)) policy = 'Orphan';
    else if (fins.includes(FOREGROUND_FINALIZER)) policy = 'Foreground';
    try {
      await this.d.access.delete(id.kind!, id.namespace, id.name, { propagationPolicy: policy, preconditions: { uid: id.uid } });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  /** solid: exists and is not waiting on dependents; dangling: gone; waiting: foreground-deleting. */
  private async ownerState(ref: OwnerReference, namespace: string): Promise<OwnerState> {
    const cached = this.d.graph.get(ref.uid);
    if (cached && !cached.virtual) return cached.deletingDependents ? 'waiting' : 'solid';
    const kind = cached?.identity.kind ?? this.d.graph.resolveKind(ref.apiVersion, ref.kind);
    if (!kind) return 'solid'; // an owner of a kind we cannot read: never collect on a guess
    const owner = await this.latest({ kind, apiVersion: ref.apiVersion, kindName: ref.kind, namespace: kind.namespaced ? namespace : '', name: ref.name, uid: ref.uid });
    if (!owner) return 'dangling';
    const deleting = Boolean(owner.metadata.deletionTimestamp) && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
    return deleting ? 'waiting' : 'solid';
  }

  /** A virtual owner: if the API does not have it, its dependents are re-examined. */
  private async verifyVirtual(node: GraphNode): Promise<void> {
    if (!node.identity.kind) return;
    const exists = await this.latest(node.identity);
    if (exists) return; // real: its informer will report it
    for (const dep of this.d.graph.forgetVirtual(node.identity.uid)) this.d.attemptToDelete(dep);
  }

  /** A foreground deletion finishes when no dependent blocks it any more. */
  private async processDeletingDependents(node: GraphNode): Promise<void> {
    const uid = node.identity.uid;
    const blocking: GraphNode[] = [];
    for (const depUid of node.dependents) {
      const dep = this.d.graph.get(depUid);
      if (dep?.owners.some((r) => r.uid === uid && r.blockOwnerDeletion === true)) blocking.push(dep);
    }
    if (blocking.length === 0) return this.removeFinalizer(node, FOREGROUND_FINALIZER);
    for (const dep of blocking) if (!dep.beingDeleted) this.d.attemptToDelete(dep.identity.uid);
  }

  /** Strips the owner's reference from every dependent, then the owner's `orphan` finalizer. */
  async attemptToOrphan(uid: string): Promise<void> {
    const node = this.d.graph.get(uid);
    if (!node || node.virtual) return;
    for (const depUid of [...node.dependents]) {
      const dep = this.d.graph.get(depUid);
      if (!dep?.identity.kind) continue;
      const latest = await this.latest(dep.identity);
      if (!latest) continue;
      const refs = latest.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === uid)) continue;
      const rest = refs.filter((r) => r.uid !== uid);
      try {
        await this.d.access.patch(dep.identity.kind, dep.identity.namespace, dep.identity.name, {
          metadata: { resourceVersion: latest.metadata.resourceVersion, ownerReferences: rest.length ? rest : null },
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    await this.removeFinalizer(node, ORPHAN_FINALIZER);
  }

  private async removeFinalizer(node: GraphNode, finalizer: string): Promise<void> {
    const id = node.identity;
    const latest = await this.latest(id);
    if (!latest) return;
    const fins = latest.metadata.finalizers ?? [];
    if (!fins.includes(finalizer)) return;
    const rest = fins.filter((f) => f !== finalizer);
    try {
      await this.d.access.patch(id.kind!, id.namespace, id.name, { metadata: { resourceVersion: latest.metadata.resourceVersion, finalizers: rest.length ? rest : null } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

export function describe(id: Identity): string {
  return `${id.apiVersion}/${id.kindName} ${id.namespace ? `${id.namespace}/` : ''}${id.name} (uid ${id.uid})`;
}
