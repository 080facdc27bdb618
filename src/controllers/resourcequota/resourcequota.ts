/**
 * The ResourceQuota controller (upstream resource_quota_controller.go): keeps status.hard equal
 * to spec.hard and status.used equal to what the namespace's objects use, recomputed when the
 * quota changes and when objects it counts come, go or finish.
 */
import type { Pod, ResourceQuota } from '../../api/core/v1/index.js';
import {
  configMap,
  persistentVolumeClaim,
  pod as podKind,
  replicationController,
  resourceQuota as quotaKind,
  secret,
  service,
} from '../../api/core/v1/index.js';
import type { KubeObject } from '../../api/meta.js';
import { computeUsed, handlesResourceName, type QuotaResource } from '../../api/quota/index.js';
import { scheme } from '../../api/scheme.js';
import { NAMESPACE_INDEX, type ReadonlyStore, type ResourceClient, type ResourceKind } from '../../client/index.js';
import { deepEqual } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import { defineController, type ControllerContext, type Reconciler, type Request, type Result } from '../runtime/index.js';

/** Upstream's resourceQuotaSyncPeriod: a full recount now and then, whatever happened. */
export const QUOTA_RESYNC_MS = 5 * 60_000;

/** The kinds whose objects the controller counts without being told (upstream's replenishment kinds). */
export const COUNTED_KINDS: ResourceKind[] = [podKind, service, persistentVolumeClaim, configMap, secret, replicationController, quotaKind];

export interface QuotaDeps {
  quotas: ReadonlyStore<ResourceQuota>;
  quotaClient: Pick<ResourceClient<ResourceQuota>, 'updateStatus'>;
  /** The namespace's objects of a kind (waiting for its cache to fill when needed); undefined for an unknown kind. */
  objectsOf(kind: QuotaResource, namespace: string): Promise<KubeObject[] | undefined>;
  clock: Clock;
}

/** The kind a `count/<plural>[.<group>]` name refers to. */
export function countedResource(name: string): QuotaResource | undefined {
  const m = /^count\/([^.]+)(?:\.(.+))?$/.exec(name);
  return m ? { group: m[2] ?? '', resource: m[1]! } : undefined;
}

/** Every kind a quota's hard names need to be counted over. */
export function resourcesFor(hard: Record<string, string> | undefined): QuotaResource[] {
  const out = new Map<string, QuotaResource>();
  const add = (r: QuotaResource) => out.set(`${r.group}/${r.resource}`, r);
  for (const name of Object.keys(hard ?? {})) {
    const counted = countedResource(name);
    if (counted) add(counted);
    for (const k of COUNTED_KINDS) {
      const r = { group: k.group, resource: k.plural };
      if (handlesResourceName(r, name)) add(r);
    }
  }
  return [...out.values()];
}

export class ResourceQuotaReconciler implements Reconciler {
  constructor(private readonly deps: QuotaDeps) {}

  async reconcile(req: Request): Promise<Result | void> {
    const q = this.deps.quotas.getByName(req.namespace, req.name);
    if (!q) return;
    const hard = q.spec?.hard ?? {};
    const objects: { resource: QuotaResource; items: KubeObject[] }[] = [];
    for (const resource of resourcesFor(hard)) {
      const items = await this.deps.objectsOf(resource, req.namespace);
      if (items) objects.push({ resource, items });
    }
    const used = computeUsed(q, objects, { now: this.deps.clock.now() });
    // Names of unknown kinds keep what the status said (or 0), as upstream keeps old usage.
    for (const name of Object.keys(used)) {
      const r = countedResource(name);
      if (r && !objects.some((o) => o.resource.group === r.group && o.resource.resource === r.resource)) used[name] = q.status?.used?.[name] ?? '0';
    }
    if (!deepEqual(q.status?.hard ?? null, hard) || !deepEqual(q.status?.used ?? null, used)) {
      await this.deps.quotaClient.updateStatus({ ...q, status: { hard: { ...hard }, used } });
    }
    return { requeueAfterMs: QUOTA_RESYNC_MS };
  }
}

/** Every quota of the object's namespace (the watch mapping of counted kinds). */
function quotasOfNamespace(obj: KubeObject, ctx: ControllerContext): Request[] {
  const ns = obj.metadata.namespace;
  if (!ns) return [];
  return ctx.informers
    .informerFor<ResourceQuota>(quotaKind)
    .store.byIndex(NAMESPACE_INDEX, ns)
    .map((q) => ({ namespace: ns, name: q.metadata.name ?? '' }));
}

/**
 * Whether an update may change what the object is charged: a pod's phase, deletion or
 * resources (upstream replenishes on a pod becoming terminal), another object's spec.
 */
export function usageMayDiffer(isPod: boolean, a: KubeObject, b: KubeObject): boolean {
  if (a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp) return true;
  if (!isPod) return !deepEqual((a as { spec?: unknown }).spec, (b as { spec?: unknown }).spec);
  const pa = a as Pod;
  const pb = b as Pod;
  const resources = (p: Pod) => [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].map((c) => c.resources);
  return pa.status?.phase !== pb.status?.phase || !deepEqual(resources(pa), resources(pb));
}

/** The served kind of a group and plural (any version), if Gantry knows it. */
function kindOf(r: QuotaResource): ResourceKind | undefined {
  return scheme.kinds.find((k) => k.group === r.group && k.plural === r.resource && k.namespaced);
}

export const resourceQuotaController = defineController({
  name: 'resourcequota-controller',
  aliases: ['resourcequota'],
  component: 'resourcequota-controller',
  for: quotaKind,
  workers: 5,
  reconciler(ctx) {
    const quotas = ctx.informers.informerFor<ResourceQuota>(quotaKind);
    const requeue = (o: KubeObject) => quotasOfNamespace(o, ctx).forEach((req) => ctx.enqueue(req));
    for (const kind of COUNTED_KINDS) {
      if (kind === quotaKind) continue;
      ctx.informers.informerFor<KubeObject>(kind).addEventHandler({ onAdd: requeue, onDelete: requeue, onUpdate: (a, b) => usageMayDiffer(kind === podKind, a, b) && requeue(b) });
    }
    const watched = new Set(COUNTED_KINDS.map((k) => `${k.group}/${k.plural}`));
    return new ResourceQuotaReconciler({
      quotas: quotas.store,
      quotaClient: ctx.client.resource<ResourceQuota>(quotaKind),
      clock: ctx.clock,
      async objectsOf(r, namespace) {
        const kind = kindOf(r);
        if (!kind) return undefined;
        const inf = ctx.informers.informerFor<KubeObject>(kind);
        const key = `${kind.group}/${kind.plural}`;
        if (!watched.has(key)) {
          // A kind only some quota counts (count/deployments.apps, say): follow it from now on.
          watched.add(key);
          inf.addEventHandler({ onAdd: requeue, onDelete: requeue });
        }
        if (!inf.hasSynced() && !(await inf.waitForSync(ctx.signal))) return undefined;
        return inf.store.byIndex(NAMESPACE_INDEX, namespace);
      },
    });
  },
});
