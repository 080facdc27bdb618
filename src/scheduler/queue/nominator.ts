/**
 * Pods nominated to nodes: a preemptor waits for its victims to go, and meanwhile no pod of
 * lower priority may take the room (upstream nominator).
 */
import type { PodInfo } from '../framework/pod-info.js';

const NONE: readonly PodInfo[] = Object.freeze([]);

export class Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /** Nominates the pod to `nodeName` ('' removes it). Replaces an earlier nomination. */
  add(pi: PodInfo, nodeName: string): void {
    this.delete(pi.key);
    if (!nodeName) return;
    let list = this.byNode.get(nodeName);
    if (!list) this.byNode.set(nodeName, (list = []));
    list.push(pi);
    this.nodeOf.set(pi.key, nodeName);
  }

  delete(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const list = this.byNode.get(node);
    if (!list) return;
    const i = list.findIndex((p) => p.key === key);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byNode.delete(node);
  }

  /** Keeps the nomination but refreshes the PodInfo (the pod was updated). */
  update(pi: PodInfo): void {
    const node = this.nodeOf.get(pi.key);
    if (node !== undefined) this.add(pi, node);
  }

  nodeFor(key: string): string | undefined {
    return this.nodeOf.get(key);
  }

  podsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? NONE;
  }

  get size(): number {
    return this.nodeOf.size;
  }
}
