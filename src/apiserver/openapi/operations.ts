/**
 * Path items and operations of a kind in a group/version OpenAPI v3 document, shaped like
 * kube-apiserver's: operation-level query parameters (kubectl checks `fieldValidation` on the PATCH
 * operation whose `x-kubernetes-group-version-kind` is the object's), request bodies by media type.
 */
import { DEFAULT_VERBS } from '../../api/kind.js';
import type { OpenApiSchema } from '../../api/openapi/index.js';
import type { AnyKind } from '../../api/scheme.js';

export type Json = Record<string, unknown>;

export const PATCH_SCHEMA = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
export const STATUS_SCHEMA = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';

/** The schema of PATCH bodies, which have no fixed shape. */
export const PATCH_COMPONENT: OpenApiSchema = {
  description: 'The body of a PATCH request, in the format its Content-Type names.',
  type: 'object',
};

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

function query(name: string, description: string, type: 'string' | 'boolean' | 'integer' = 'string'): Json {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } };
}

const P = {
  dryRun: query('dryRun', 'When present, the change is not persisted. "All" runs every stage of the request; no other value is allowed.'),
  fieldManager: query('fieldManager', 'The name of the actor making the change, recorded in managedFields. Required for apply patches.'),
  fieldValidation: query(
    'fieldValidation',
    'What to do with unknown or duplicate fields in the object: Ignore drops them, Warn (the default) drops them and ' +
      'answers with a warning for each, Strict fails the request.',
  ),
  force: query('force', 'Apply patches only: take ownership of fields other managers own instead of failing with a conflict.', 'boolean'),
  pretty: query('pretty', "If 'true', the output is indented."),
  labelSelector: query('labelSelector', 'Only objects whose labels match this selector.'),
  fieldSelector: query('fieldSelector', 'Only objects whose fields match this selector.'),
  limit: query('limit', 'The most objects to return; continue with the returned continue token.', 'integer'),
  continue: query('continue', 'The continue token from a previous, limited list.'),
  resourceVersion: query('resourceVersion', 'The resource version the answer must be at least as new as (or exactly, with resourceVersionMatch=Exact).'),
  resourceVersionMatch: query('resourceVersionMatch', 'How resourceVersion applies to a list: NotOlderThan or Exact.'),
  timeoutSeconds: query('timeoutSeconds', 'How long a list or watch call may last.', 'integer'),
  watch: query('watch', 'Stream changes to the listed objects instead of listing them.', 'boolean'),
  allowWatchBookmarks: query('allowWatchBookmarks', 'Send BOOKMARK events during a watch.', 'boolean'),
  sendInitialEvents: query('sendInitialEvents', 'Start a watch with synthetic ADDED events for the current objects.', 'boolean'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'Seconds before the object is deleted; zero deletes at once.', 'integer'),
  propagationPolicy: query('propagationPolicy', 'Whether and how dependents are garbage collected: Orphan, Background or Foreground.'),
};

function path(name: string, description: string): Json {
  return { name, in: 'path', description, required: true, schema: { type: 'string', uniqueItems: true } };
}

const NAMESPACE = path('namespace', 'The namespace of the objects.');

function jsonBody(schema: string): Json {
  return { content: { '*/*': { schema: ref(schema) } }, required: true };
}

function responses(codes: readonly number[], schema: string | undefined): Json {
  const out: Json = {};
  for (const code of codes) {
    out[String(code)] = { description: code === 201 ? 'Created' : code === 202 ? 'Accepted' : 'OK', content: schema ? { 'application/json': { schema: ref(schema) } } : {} };
  }
  out['401'] = { description: 'Unauthorized' };
  return out;
}

export interface KindSchemas {
  /** The kind's root schema, if generated. */
  object?: string;
  list?: string;
  /** Whether kubectl may compute strategic merge patches from the schema. */
  strategicMergePatch: boolean;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Upstream's tag for a group: core, apps, rbacAuthorization, networking, ... */
function groupTag(group: string): string {
  const [first, ...rest] = (group === '' ? 'core' : group.replace(/\.k8s\.io$/, '')).split(/[.-]/);
  return first! + rest.map(cap).join('');
}

/** `AppsV1`, `RbacAuthorizationV1`, `CoreV1`: the middle of upstream's operation ids. */
function operationPrefix(k: AnyKind): string {
  return cap(groupTag(k.group)) + cap(k.version);
}

function operation(k: AnyKind, action: string, opts: { id: string; parameters: Json[]; codes: number[]; schema?: string; body?: Json }): Json {
  const op: Json = {
    tags: [`${groupTag(k.group)}_${k.version}`],
    description: `${action} ${k.kind}`,
    operationId: opts.id,
    parameters: opts.parameters,
    responses: responses(opts.codes, opts.schema),
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: k.group, version: k.version, kind: k.kind },
  };
  if (opts.body) op.requestBody = opts.body;
  return op;
}

function patchBody(strategic: boolean): Json {
  const types = [JSON_PATCH, MERGE_PATCH, ...(strategic ? [STRATEGIC_MERGE_PATCH] : []), APPLY_PATCH];
  return { content: Object.fromEntries(types.map((t) => [t, { schema: ref(PATCH_SCHEMA) }])), required: true };
}

/** The path items of one kind: collection, all-namespaces list, object and /status. */
export function kindPaths(k: AnyKind, schemas: KindSchemas): Record<string, Json> {
  const verbs = new Set(k.verbs ?? DEFAULT_VERBS);
  const base = k.group === '' ? `/api/${k.version}` : `/apis/${k.group}/${k.version}`;
  const scoped = k.namespaced ? `${base}/namespaces/{namespace}/${k.plural}` : `${base}/${k.plural}`;
  const scope = k.namespaced ? 'Namespaced' : '';
  const pre = operationPrefix(k);
  const listParams = [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch];
  const writeParams = [P.dryRun, P.fieldManager, P.fieldValidation];
  const obj = schemas.object;
  const out: Record<string, Json> = {};

  const collection: Json = { parameters: [...(k.namespaced ? [NAMESPACE] : []), P.pretty] };
  if (verbs.has('list')) collection.get = operation(k, 'list', { id: `list${pre}${scope}${k.kind}`, parameters: listParams, codes: [200], schema: schemas.list });
  if (verbs.has('create')) collection.post = operation(k, 'post', { id: `create${pre}${scope}${k.kind}`, parameters: writeParams, codes: [200, 201, 202], schema: obj, body: obj ? jsonBody(obj) : undefined });
  if (verbs.has('deletecollection')) {
    collection.delete = operation(k, 'deletecollection', { id: `deleteCollection${pre}${scope}${k.kind}`, parameters: [...listParams, P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], codes: [200], schema: STATUS_SCHEMA });
  }
  out[scoped] = collection;
  if (k.namespaced && verbs.has('list')) {
    out[`${base}/${k.plural}`] = { parameters: [P.pretty], get: operation(k, 'list', { id: `list${pre}${k.kind}ForAllNamespaces`, parameters: listParams, codes: [200], schema: schemas.list }) };
  }

  const item: Json = { parameters: [path('name', `The name of the ${k.kind}.`), ...(k.namespaced ? [NAMESPACE] : []), P.pretty] };
  if (verbs.has('get')) item.get = operation(k, 'get', { id: `read${pre}${scope}${k.kind}`, parameters: [], codes: [200], schema: obj });
  if (verbs.has('update')) item.put = operation(k, 'put', { id: `replace${pre}${scope}${k.kind}`, parameters: writeParams, codes: [200, 201], schema: obj, body: obj ? jsonBody(obj) : undefined });
  // A create-only kind still gets a PATCH operation: kubectl looks for fieldValidation there before `create -f`.
  if (verbs.has('patch') || verbs.has('create')) {
    item.patch = operation(k, 'patch', { id: `patch${pre}${scope}${k.kind}`, parameters: [...writeParams, P.force], codes: [200, 201], schema: obj, body: patchBody(schemas.strategicMergePatch) });
  }
  if (verbs.has('delete')) {
    item.delete = operation(k, 'delete', { id: `delete${pre}${scope}${k.kind}`, parameters: [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], codes: [200, 202], schema: STATUS_SCHEMA });
  }
  out[`${scoped}/{name}`] = item;

  if (k.statusSubresource) {
    const id = `${pre}${scope}${k.kind}Status`;
    out[`${scoped}/{name}/status`] = {
      parameters: item.parameters,
      get: operation(k, 'get', { id: `read${id}`, parameters: [], codes: [200], schema: obj }),
      put: operation(k, 'put', { id: `replace${id}`, parameters: writeParams, codes: [200, 201], schema: obj, body: obj ? jsonBody(obj) : undefined }),
      patch: operation(k, 'patch', { id: `patch${id}`, parameters: [...writeParams, P.force], codes: [200, 201], schema: obj, body: patchBody(schemas.strategicMergePatch) }),
    };
  }
  return out;
}
