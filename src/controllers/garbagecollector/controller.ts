/**
 * The garbage collector's definition: an informer on every listable kind of the scheme (events
 * excepted, as upstream ignores them) feeds the owner graph; work items are uids queued as
 * 'delete:<uid>' and 'orphan:<uid>'. The graph is rebuilt from the informers' lists on start.
 */
import type { KubeObject } from '../../api/meta.js';
import { parseApiVersion } from '../../api/meta.js';
import { scheme, type AnyKind } from '../../api/scheme.js';
import type { RestClient } from '../../client/index.js';
import { DEFAULT_VERBS } from '../../api/kind.js';
import { defineController, type ControllerContext, type ControllerDefinition } from '../runtime/index.js';
import { Collector, type ObjectAccess } from './collector.js';
import { OwnerGraph, type GraphWork } from './graph.js';

/** Resources upstream's garbage collector leaves alone. */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/** One kind per group and kind name (the preferred version), that can be listed and watched. */
export function collectableKinds(kinds: readonly AnyKind[] = scheme.kinds): AnyKind[] {
  const seen = new Set<string>();
  const out: AnyKind[] = [];
  for (const k of kinds) {
    const verbs = k.verbs ?? DEFAULT_VERBS;
    if (!verbs.includes('list') || !verbs.includes('watch') || !verbs.includes('delete')) continue;
    if (IGNORED.has(`${k.group}/${k.plural}`)) continue;
    const id = `${k.group}/${k.kind}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(k);
  }
  return out;
}

function resolver(kinds: readonly AnyKind[]) {
  const byGroupKind = new Map(kinds.map((k) => [`${k.group}/${k.kind}`, k]));
  return (apiVersion: string, kind: string) => byGroupKind.get(`${parseApiVersion(apiVersion ?? '').group}/${kind}`);
}

export function apiAccess(client: RestClient): ObjectAccess {
  return {
    get: (kind, ns, name) => client.resource(kind).get(ns, name),
    patch: (kind, ns, name, body) => client.resource(kind).patch(ns, name, { type: 'merge', body }),
    delete: (kind, ns, name, opts) => client.resource(kind).delete(ns, name, opts),
  };
}

export interface GarbageCollectorOptions {
  kinds?: AnyKind[];
  access?: (ctx: ControllerContext) => ObjectAccess;
}

export function garbageCollectorController(opts: GarbageCollectorOptions = {}): ControllerDefinition {
  return defineController({
    name: 'garbage-collector-controller',
    aliases: ['garbagecollector'],
    component: 'garbage-collector-controller',
    workers: 10,
    reconciler: (ctx) => {
      const kinds = opts.kinds ?? collectableKinds();
      const graph = new OwnerGraph(resolver(kinds));
      const queue = (w: GraphWork): void => {
        for (const uid of w.attemptToDelete) ctx.enqueue({ namespace: '', name: `delete:${uid}` });
        for (const uid of w.attemptToOrphan) ctx.enqueue({ namespace: '', name: `orphan:${uid}` });
      };
      for (const kind of kinds) {
        ctx.informers.informerFor<KubeObject>(kind).addEventHandler({
          onAdd: (o) => queue(graph.observe(kind, o)),
          onUpdate: (_old, o) => queue(graph.observe(kind, o)),
          onDelete: (o) => queue(graph.forget(o)),
        });
      }
      const collector = new Collector({
        graph,
        access: opts.access?.(ctx) ?? apiAccess(ctx.client),
        attemptToDelete: (uid) => ctx.enqueue({ namespace: '', name: `delete:${uid}` }),
        log: ctx.log,
      });
      return {
        async reconcile({ name }) {
          const i = name.indexOf(':');
          const what = name.slice(0, i);
          const uid = name.slice(i + 1);
          if (what === 'delete') await collector.attemptToDelete(uid);
          else if (what === 'orphan') await collector.attemptToOrphan(uid);
        },
      };
    },
  });
}
