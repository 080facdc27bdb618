/** Pod subresources: binding, eviction, and the node-routed streams (log, exec, attach, portforward). */
import type { KubeObject } from '../../api/meta.js';
import { ApiError } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { DeleteOptions } from '../registry/hooks.js';
import { now } from '../registry/metadata.js';
import { type HandlerContext, scopeOf } from './context.js';

interface PodLike extends KubeObject {
  spec?: { nodeName?: string; containers?: { name: string }[] };
  status?: { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string; lastProbeTime?: string | null }[] };
}

const podsRef = { group: '', resource: 'pods' };

function success(): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}

/** POST pods/{name}/binding: assigns the pod to a node (the scheduler's bind). */
export async function handleBinding(ctx: HandlerContext): Promise<void> {
  const body = decodeObjectBody(await readBody(ctx.req), ctx.req.headers['content-type']);
  const target = (body.target ?? {}) as { name?: string; kind?: string };
  const meta = (body.metadata ?? {}) as { name?: string };
  if (meta.name && meta.name !== ctx.info.name) {
    throw ApiError.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${ctx.info.name})`);
  }
  if (!target.name) {
    throw ApiError.invalid({ group: '', kind: 'Binding' }, ctx.info.name, {
      causes: [{ type: 'FieldValueRequired', field: 'target.name', message: 'Required value' }],
    });
  }
  const scope = { ...scopeOf(ctx), subresource: 'binding' };
  await ctx.services.store.update(scope, (cur) => {
    const pod = cur as PodLike;
    if (pod.metadata.deletionTimestamp) {
      throw ApiError.conflict(podsRef, ctx.info.name, { detail: `pod ${ctx.info.name} is being deleted, cannot be assigned to a host` });
    }
    if (pod.spec?.nodeName) {
      throw ApiError.conflict(podsRef, ctx.info.name, { detail: `pod ${ctx.info.name} is already assigned to node "${pod.spec.nodeName}"` });
    }
    pod.spec = { ...(pod.spec ?? {}), nodeName: target.name };
    const status = (pod.status ??= {});
    const conds = (status.conditions ??= []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now() });
    status.conditions = conds;
    return pod;
  });
  sendJson(ctx.res, 201, success());
}

/** POST pods/{name}/eviction: a delete that PodDisruptionBudgets may refuse (checked once PDB status exists). */
export async function handleEviction(ctx: HandlerContext): Promise<void> {
  const body = decodeObjectBody(await readBody(ctx.req), ctx.req.headers['content-type'], { group: 'policy', version: 'v1', kind: 'Eviction' });
  const meta = (body.metadata ?? {}) as { name?: string };
  if (meta.name && meta.name !== ctx.info.name) {
    throw ApiError.badRequest(`name in URL does not match name in Eviction object`);
  }
  const opts = (body.deleteOptions ?? {}) as DeleteOptions;
  const dry = ctx.url.searchParams.getAll('dryRun');
  const scope = { ...scopeOf(ctx), subresource: '' };
  if (dry.includes('All') || opts.dryRun?.includes('All')) scope.dryRun = true;
  await ctx.services.store.delete(scope, opts);
  sendJson(ctx.res, 201, success());
}

/** log, exec, attach, portforward: routed to the node agent, which does not exist yet. */
export async function handleNodeStream(ctx: HandlerContext): Promise<void> {
  const pod = (await ctx.services.store.get({ ...scopeOf(ctx), subresource: '' })) as PodLike;
  const container = ctx.url.searchParams.get('container');
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  if (container && !names.includes(container)) {
    throw ApiError.badRequest(`container ${container} is not valid for pod ${ctx.info.name}`);
  }
  if (!pod.spec?.nodeName) {
    throw ApiError.badRequest(`pod ${ctx.info.name} does not have a host assigned`);
  }
  throw ApiError.serviceUnavailable(
    `${ctx.info.subresource} is not available: node "${pod.spec.nodeName}" has no Gantry agent serving pod streams yet`,
  );
}
