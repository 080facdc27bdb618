/** The /scale subresource (autoscaling/v1 Scale) of deployments, replicasets, statefulsets, RCs. */
import type { KubeObject } from '../../api/meta.js';
import type { ScaleDefinition } from '../../api/kind.js';
import { labelSelectorToString } from '../../api/validation/label-selector.js';
import { ApiError } from '../../machinery/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import { type HandlerContext, scopeOf } from './context.js';
import { applyPatchBody } from './patch.js';

function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function setPath(obj: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    if (cur[p] === null || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

function selectorString(obj: KubeObject, def: ScaleDefinition): string {
  if (!def.labelSelectorPath) return '';
  const sel = getPath(obj, def.labelSelectorPath);
  if (typeof sel === 'string') return sel;
  if (sel && typeof sel === 'object') {
    const s = sel as Record<string, unknown>;
    // A LabelSelector object, or an RC's plain label map.
    if ('matchLabels' in s || 'matchExpressions' in s) return labelSelectorToString(s);
    return labelSelectorToString({ matchLabels: s as Record<string, string> });
  }
  return '';
}

export function toScale(obj: KubeObject, def: ScaleDefinition): Record<string, unknown> {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: Number(getPath(obj, def.specReplicasPath) ?? 0) },
    status: { replicas: Number(getPath(obj, def.statusReplicasPath) ?? 0), selector: selectorString(obj, def) },
  };
}

function scaleDef(ctx: HandlerContext): ScaleDefinition {
  const def = ctx.kind.scale;
  if (!def) throw ApiError.notFound({ group: ctx.kind.group, resource: `${ctx.kind.plural}/scale` }, ctx.info.name);
  return def;
}

function replicasOf(scale: Record<string, unknown>): number {
  const spec = scale.spec as Record<string, unknown> | undefined;
  const r = spec?.replicas;
  if (r === undefined) return 0;
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0) {
    throw ApiError.invalid({ group: 'autoscaling', kind: 'Scale' }, '', {
      causes: [{ type: 'FieldValueInvalid', field: 'spec.replicas', message: `Invalid value: ${JSON.stringify(r)}: must be greater than or equal to 0` }],
    });
  }
  return r;
}

export async function handleScale(ctx: HandlerContext): Promise<void> {
  const def = scaleDef(ctx);
  const scope = { ...scopeOf(ctx), subresource: 'scale' };
  const method = ctx.req.method ?? 'GET';
  if (method === 'GET') {
    sendJson(ctx.res, 200, toScale(await ctx.services.store.get(scope), def));
    return;
  }
  const body = await readBody(ctx.req);
  let expectedRv: string | undefined;
  const updated = await ctx.services.store.update(
    scope,
    (current) => {
      let scale: Record<string, unknown>;
      if (method === 'PUT') {
        scale = decodeObjectBody(body, ctx.req.headers['content-type']);
        const meta = scale.metadata as Record<string, unknown> | undefined;
        expectedRv = typeof meta?.resourceVersion === 'string' && meta.resourceVersion ? meta.resourceVersion : undefined;
        if (expectedRv && expectedRv !== current.metadata.resourceVersion) {
          throw ApiError.conflict({ group: ctx.kind.group, resource: ctx.kind.plural }, ctx.info.name);
        }
      } else {
        scale = applyPatchBody(ctx.kind, toScale(current, def) as unknown as KubeObject, {
          body,
          contentType: ctx.req.headers['content-type'],
        }) as unknown as Record<string, unknown>;
      }
      setPath(current, def.specReplicasPath, replicasOf(scale));
      return current;
    },
  );
  sendJson(ctx.res, 200, toScale(updated, def));
}
