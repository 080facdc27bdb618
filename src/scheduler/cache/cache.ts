/**
 * The scheduler's cache: nodes and the pods on them, bound or assumed. A pod is assumed onto a
 * node the moment the scheduler picks it, so the next cycle already counts it; binding then
 * happens in the background and the informer's update later confirms it. If the bind fails the
 * assumption is forgotten. The cache is also the NodeLister plugins read: scheduling cycles run
 * synchronously, so no snapshot copy is taken.
 */
import type { Node } from '../../api/core/v1/index.js';
import type { NodeChanges, NodeLister } from '../framework/interface.js';
import { NodeInfo, nextGeneration } from '../framework/node-info.js';
import { hasAffinity, hasRequiredAntiAffinity, type PodInfo } from '../framework/pod-info.js';
import { interleaveByZone, zoneKey } from './node-order.js';

interface PodState {
  pi: PodInfo;
  nodeName: string;
  assumed: boolean;
}

export class SchedulerCache implements NodeLister {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodState>();
  private ordered: NodeInfo[] | undefined;
  private withAffinity: NodeInfo[] | undefined;
  private withAntiAffinity: NodeInfo[] | undefined;
  private nodeCount = 0;
  /**
   * Which node changed at which generation, ascending. Compaction keeps each node's newest
   * entry, which is all changedSince needs, so no history is ever lost.
   */
  private journal: { gen: number; name: string }[] = [];

  // ---- NodeLister ----

  list(): readonly NodeInfo[] {
    this.ordered ??= interleaveByZone([...this.infos.values()].filter((n) => n.node !== undefined));
    return this.ordered;
  }

  get(name: string): NodeInfo | undefined {
    const n = this.infos.get(name);
    return n?.node ? n : undefined;
  }

  havePodsWithAffinity(): readonly NodeInfo[] {
    this.withAffinity ??= this.list().filter((n) => n.podsWithAffinity.length > 0);
    return this.withAffinity;
  }

  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    this.withAntiAffinity ??= this.list().filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    return this.withAntiAffinity;
  }

  changedSince(generation: number): NodeChanges {
    const current = this.journal.length ? this.journal[this.journal.length - 1]!.gen : 0;
    let lo = 0;
    let hi = this.journal.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.journal[mid]!.gen <= generation) lo = mid + 1;
      else hi = mid;
    }
    const names = new Set<string>();
    for (let i = lo; i < this.journal.length; i++) names.add(this.journal[i]!.name);
    return { names, generation: current };
  }

  /** Nodes with a Node object. */
  get size(): number {
    return this.nodeCount;
  }

  // ---- nodes ----

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    let info = this.infos.get(name);
    if (!info) this.infos.set(name, (info = new NodeInfo()));
    if (!info.node) this.nodeCount++;
    info.setNode(node);
    this.touch(name);
    this.nodesChanged();
  }

  updateNode(node: Node): void {
    const info = this.infos.get(node.metadata.name ?? '');
    if (!info?.node) return this.addNode(node);
    const zoneBefore = zoneKey(info);
    info.setNode(node);
    this.touch(info.name);
    if (zoneKey(info) !== zoneBefore) this.nodesChanged();
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info?.node) return;
    this.nodeCount--;
    // Pods still bound there keep their NodeInfo (without node) until they are gone.
    if (info.pods.length === 0) this.infos.delete(name);
    else info.node = undefined;
    this.touch(name);
    this.nodesChanged();
  }

  // ---- pods ----

  /** Counts the pod on its chosen node before the bind is confirmed. */
  assumePod(pi: PodInfo, nodeName: string): void {
    if (this.pods.has(pi.key)) throw new Error(`pod ${pi.namespace}/${pi.name} is already in the scheduler cache`);
    this.place(pi, nodeName);
    this.pods.set(pi.key, { pi, nodeName, assumed: true });
  }

  /** Undoes assumePod (the bind failed). */
  forgetPod(key: string): void {
    const st = this.pods.get(key);
    if (!st?.assumed) return;
    this.unplace(st);
    this.pods.delete(key);
  }

  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed ?? false;
  }

  /** The node a pod is cached on. */
  nodeOf(key: string): string | undefined {
    return this.pods.get(key)?.nodeName;
  }

  /** A bound pod seen by the informer: confirms an assumed pod, or adds it. */
  addPod(pi: PodInfo, nodeName: string): void {
    const st = this.pods.get(pi.key);
    if (st) {
      this.unplace(st);
      this.pods.delete(pi.key);
    }
    this.place(pi, nodeName);
    this.pods.set(pi.key, { pi, nodeName, assumed: false });
  }

  updatePod(pi: PodInfo, nodeName: string): void {
    this.addPod(pi, nodeName);
  }

  removePod(key: string): void {
    const st = this.pods.get(key);
    if (!st) return;
    this.unplace(st);
    this.pods.delete(key);
  }

  /** How many pods are cached, and how many of them are assumed (for tests and metrics). */
  podCounts(): { total: number; assumed: number } {
    let assumed = 0;
    for (const st of this.pods.values()) if (st.assumed) assumed++;
    return { total: this.pods.size, assumed };
  }

  private place(pi: PodInfo, nodeName: string): void {
    let info = this.infos.get(nodeName);
    if (!info) this.infos.set(nodeName, (info = new NodeInfo()));
    info.addPod(pi);
    this.touch(nodeName);
    this.affinityChanged(pi);
  }

  private unplace(st: PodState): void {
    const info = this.infos.get(st.nodeName);
    if (!info) return;
    info.removePod(st.pi.key);
    if (!info.node && info.pods.length === 0) this.infos.delete(st.nodeName);
    this.touch(st.nodeName);
    this.affinityChanged(st.pi);
  }

  /** Records that a node changed (with a fresh generation, so the journal stays ordered). */
  private touch(name: string): void {
    this.journal.push({ gen: nextGeneration(), name });
    if (this.journal.length > 4 * this.infos.size + 4096) this.compactJournal();
  }

  /** Keeps the newest entry per node. */
  private compactJournal(): void {
    const seen = new Set<string>();
    const kept: { gen: number; name: string }[] = [];
    for (let i = this.journal.length - 1; i >= 0; i--) {
      const e = this.journal[i]!;
      if (seen.has(e.name)) continue;
      seen.add(e.name);
      kept.push(e);
    }
    this.journal = kept.reverse();
  }

  private affinityChanged(pi: PodInfo): void {
    if (hasAffinity(pi)) this.withAffinity = undefined;
    if (hasRequiredAntiAffinity(pi)) this.withAntiAffinity = undefined;
  }

  private nodesChanged(): void {
    this.ordered = undefined;
    this.withAffinity = undefined;
    this.withAntiAffinity = undefined;
  }
}
