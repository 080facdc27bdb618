/**
 * Matching-pod counts per topology domain, kept across cycles and brought up to date from the
 * cache's change journal, so a spreading pod costs O(changed nodes + domains) rather than a walk
 * over every node of the cluster. Entries are keyed by everything that decides a node's
 * contribution (namespace, selector, topology key, node inclusion policies) and evicted LRU.
 */
import type { NodeLister } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';

/** A node's part in a count: its domain value and matching pods; undefined when it does not count. */
export type Contribution = { value: string; count: number } | undefined;

interface Entry {
  /** Domain value → matching pods, for every domain with at least one counted node. */
  counts: Map<string, number>;
  nodesPerDomain: Map<string, number>;
  perNode: Map<string, { value: string; count: number }>;
  generation: number;
}

const NOW = Number.MAX_SAFE_INTEGER;

export class DomainIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 64) {}

  /**
   * The live counts for `signature` (do not modify; valid until the cache changes). `contribute`
   * must depend only on the node and on what the signature encodes.
   */
  counts(lister: NodeLister, signature: string, contribute: (node: NodeInfo) => Contribution): Map<string, number> {
    let e = this.entries.get(signature);
    const changes = e && lister.changedSince ? lister.changedSince(e.generation) : undefined;
    if (e && changes) {
      for (const name of changes.names) {
        const node = lister.get(name);
        update(e, name, node?.node ? contribute(node) : undefined);
      }
      e.generation = changes.generation;
      this.entries.delete(signature);
    } else {
      e = { counts: new Map(), nodesPerDomain: new Map(), perNode: new Map(), generation: lister.changedSince?.(NOW)?.generation ?? -1 };
      for (const node of lister.list()) if (node.node) update(e, node.name, contribute(node));
      if (!lister.changedSince) return e.counts;
    }
    this.entries.set(signature, e);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return e.counts;
  }

  get size(): number {
    return this.entries.size;
  }
}

function update(e: Entry, name: string, next: Contribution): void {
  const prev = e.perNode.get(name);
  if (prev) {
    const n = e.nodesPerDomain.get(prev.value)! - 1;
    if (n === 0) {
      e.nodesPerDomain.delete(prev.value);
      e.counts.delete(prev.value);
    } else {
      e.nodesPerDomain.set(prev.value, n);
      e.counts.set(prev.value, e.counts.get(prev.value)! - prev.count);
    }
    e.perNode.delete(name);
  }
  if (!next) return;
  e.perNode.set(name, next);
  e.nodesPerDomain.set(next.value, (e.nodesPerDomain.get(next.value) ?? 0) + 1);
  e.counts.set(next.value, (e.counts.get(next.value) ?? 0) + next.count);
}
