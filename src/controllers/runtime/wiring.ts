/**
 * Turns a definition's for/owns/watches into informer event handlers that feed its queue.
 */
import { apiVersionOf, type KubeObject, type OwnerReference } from '../../api/meta.js';
import { objectKey, type EventHandler, type ResourceKind } from '../../client/index.js';
import type { ControllerContext, ControllerDefinition, WatchSpec } from './controller.js';
import { requestKey, type Request } from './reconciler.js';

type Enqueue = (key: string) => void;

/** Registers the handlers; returns a function that removes them all. */
export function wireController(def: ControllerDefinition, ctx: ControllerContext, enqueue: Enqueue): () => void {
  const off: (() => void)[] = [];
  if (def.for) {
    const inf = ctx.informers.informerFor(def.for);
    off.push(inf.addEventHandler(keyHandler((o) => enqueue(objectKey(o)))));
  }
  if (def.for && def.owns?.length) {
    const ownerKind = def.for;
    for (const kind of def.owns) {
      const inf = ctx.informers.informerFor(kind);
      off.push(inf.addEventHandler(keyHandler((o) => ownerKeys(o, ownerKind).forEach(enqueue))));
    }
  }
  for (const w of def.watches ?? []) {
    const inf = ctx.informers.informerFor(w.kind, w.filter);
    off.push(inf.addEventHandler(keyHandler((o) => mapped(w, o, ctx, def.name).forEach(enqueue))));
  }
  return () => off.forEach((f) => f());
}

/** A handler that calls `fn` on added, deleted, and both old and new updated objects. */
function keyHandler(fn: (obj: KubeObject) => void): EventHandler<KubeObject> {
  return {
    onAdd: (o) => fn(o),
    onUpdate: (a, b) => {
      fn(a);
      if (b !== a) fn(b);
    },
    onDelete: (o) => fn(o),
  };
}

/** True when `ref` points at an object of `kind` (same group and kind; any version). */
export function refersToKind(ref: OwnerReference, kind: ResourceKind): boolean {
  if (ref.kind !== kind.kind) return false;
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  return group === kind.group || ref.apiVersion === apiVersionOf(kind.group, kind.version);
}

/** The key of `obj`'s controller owner when that owner is of `ownerKind`. */
function ownerKeys(obj: KubeObject, ownerKind: ResourceKind): string[] {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!ref || !refersToKind(ref, ownerKind)) return [];
  return [requestKey({ namespace: ownerKind.namespaced ? (obj.metadata.namespace ?? '') : '', name: ref.name })];
}

function mapped(w: WatchSpec, obj: KubeObject, ctx: ControllerContext, name: string): string[] {
  let reqs: Request[];
  try {
    reqs = w.map(obj, ctx) ?? [];
  } catch (err) {
    ctx.log(`controller ${name}: watch mapping for ${w.kind.plural} threw: ${(err as Error)?.message ?? String(err)}`);
    return [];
  }
  return reqs.filter((r) => r && typeof r.name === 'string' && r.name !== '').map(requestKey);
}
