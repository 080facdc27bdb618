/**
 * The garbage collector's owner graph (upstream's uidToNode): one node per object uid seen in
 * any informer, linked to its owners' nodes by ownerReferences. An owner referenced but not
 * (yet) seen is a virtual node, to be verified against the API. Applying an informer event
 * answers the work it causes: nodes to attempt to delete, owners to orphan.
 */
import type { AnyKind } from '../../api/scheme.js';
import type { KubeObject, OwnerReference } from '../../api/meta.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export interface Identity {
  /** The resource kind, when the graph knows it (owners of unknown kinds have none). */
  kind: AnyKind | undefined;
  apiVersion: string;
  kindName: string;
  namespace: string;
  name: string;
  uid: string;
}

export interface GraphNode {
  identity: Identity;
  owners: OwnerReference[];
  dependents: Set<string>;
  /** Referenced as an owner but not observed. */
  virtual: boolean;
  beingDeleted: boolean;
  /** Being deleted in the foreground: it waits for its blocking dependents. */
  deletingDependents: boolean;
}

export interface GraphWork {
  attemptToDelete: string[];
  attemptToOrphan: string[];
}

/** Resolves an ownerReference's apiVersion/kind to a resource kind (undefined: unknown). */
export type KindResolver = (apiVersion: string, kind: string) => AnyKind | undefined;

export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();

  constructor(private readonly resolve: KindResolver) {}

  /** The resource kind an ownerReference names (undefined: not a kind this cluster serves). */
  resolveKind(apiVersion: string, kind: string): AnyKind | undefined {
    return this.resolve(apiVersion, kind);
  }

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** An object was added or changed. */
  observe(kind: AnyKind, obj: KubeObject): GraphWork {
    const work: GraphWork = { attemptToDelete: [], attemptToOrphan: [] };
    const md = obj.metadata;
    const uid = md.uid;
    if (!uid) return work;
    let node = this.nodes.get(uid);
    const identity: Identity = { kind, apiVersion: obj.apiVersion ?? '', kindName: kind.kind, namespace: md.namespace ?? '', name: md.name ?? '', uid };
    if (!node) {
      node = { identity, owners: [], dependents: new Set(), virtual: false, beingDeleted: false, deletingDependents: false };
      this.nodes.set(uid, node);
    } else {
      node.identity = identity;
      node.virtual = false;
    }
    this.relink(node, md.ownerReferences ?? [], work);
    const fins = md.finalizers ?? [];
    const wasDeletingDependents = node.deletingDependents;
    node.beingDeleted = Boolean(md.deletionTimestamp);
    node.deletingDependents = node.beingDeleted && fins.includes(FOREGROUND_FINALIZER);
    if (node.beingDeleted && fins.includes(ORPHAN_FINALIZER)) work.attemptToOrphan.push(uid);
    if (node.deletingDependents) {
      work.attemptToDelete.push(uid);
      if (!wasDeletingDependents) work.attemptToDelete.push(...node.dependents);
    }
    return work;
  }

  /** An object was deleted: its dependents may be garbage now; foreground owners may finish. */
  forget(obj: KubeObject): GraphWork {
    const work: GraphWork = { attemptToDelete: [], attemptToOrphan: [] };
    const uid = obj.metadata.uid;
    const node = uid ? this.nodes.get(uid) : undefined;
    if (!node) return work;
    this.relink(node, [], work);
    this.nodes.delete(node.identity.uid);
    work.attemptToDelete.push(...node.dependents);
    return work;
  }

  /** A virtual node turned out not to exist: drop it and re-check its dependents. */
  forgetVirtual(uid: string): string[] {
    const node = this.nodes.get(uid);
    if (!node?.virtual) return [];
    this.nodes.delete(uid);
    return [...node.dependents];
  }

  private relink(node: GraphNode, owners: OwnerReference[], work: GraphWork): void {
    const uid = node.identity.uid;
    const next = new Set(owners.map((r) => r.uid));
    for (const ref of node.owners) {
      if (next.has(ref.uid)) continue;
      const owner = this.nodes.get(ref.uid);
      if (!owner) continue;
      owner.dependents.delete(uid);
      if (owner.deletingDependents) work.attemptToDelete.push(owner.identity.uid);
      if (owner.virtual && owner.dependents.size === 0) this.nodes.delete(ref.uid);
    }
    const had = new Set(node.owners.map((r) => r.uid));
    for (const ref of owners) {
      if (!ref?.uid) continue;
      let owner = this.nodes.get(ref.uid);
      if (!owner) {
        const kind = this.resolve(ref.apiVersion, ref.kind);
        owner = {
          identity: { kind, apiVersion: ref.apiVersion, kindName: ref.kind, namespace: kind?.namespaced ? node.identity.namespace : '', name: ref.name, uid: ref.uid },
          owners: [],
          dependents: new Set(),
          virtual: true,
          beingDeleted: false,
          deletingDependents: false,
        };
        this.nodes.set(ref.uid, owner);
        work.attemptToDelete.push(ref.uid);
      }
      owner.dependents.add(uid);
      if (!had.has(ref.uid) && owner.deletingDependents) work.attemptToDelete.push(ref.uid);
    }
    node.owners = owners.filter((r) => r?.uid);
  }
}
