/**
 * Patch metadata for strategic merge patch: which lists merge (and by which key) instead of being
 * replaced. Upstream reads it from `patchStrategy`/`patchMergeKey` struct tags; here a lookup
 * answers for a path of field names from the object root, with list indexes left out
 * (`['spec', 'containers', 'ports']`). Lists without metadata are replaced; maps merge.
 */

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface PatchMeta {
  /** The field identifying list items (`name`, `containerPort`, ...). None for primitive lists. */
  mergeKey?: string;
  strategy?: PatchStrategy;
}

export type PatchMetaLookup = (path: readonly string[]) => PatchMeta | undefined;

/** True when a list field merges rather than being replaced. */
export function mergesList(meta: PatchMeta | undefined): boolean {
  return meta?.strategy === 'merge' || meta?.strategy === 'merge,retainKeys';
}

/** A lookup over a table keyed by dotted paths (`spec.template.spec.containers`). */
export function createPatchMetaLookup(table: Readonly<Record<string, PatchMeta>>): PatchMetaLookup {
  const map = new Map(Object.entries(table));
  return (path) => map.get(path.join('.'));
}

const byName: PatchMeta = { strategy: 'merge', mergeKey: 'name' };
const atomic: PatchMeta = { strategy: 'replace' };

/** Fields of core/v1 PodSpec (k8s.io/api patch tags). */
const POD_SPEC: Record<string, PatchMeta> = {
  containers: byName,
  initContainers: byName,
  ephemeralContainers: byName,
  volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  imagePullSecrets: byName,
  hostAliases: { strategy: 'merge', mergeKey: 'ip' },
  topologySpreadConstraints: { strategy: 'merge', mergeKey: 'topologyKey' },
  schedulingGates: byName,
  resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  tolerations: atomic,
  readinessGates: atomic,
};

/** Fields of core/v1 Container (and EphemeralContainer). */
const CONTAINER: Record<string, PatchMeta> = {
  ports: { strategy: 'merge', mergeKey: 'containerPort' },
  env: byName,
  envFrom: atomic,
  volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
  volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
  resizePolicy: atomic,
};

/** Fields of meta/v1 ObjectMeta. */
const OBJECT_META: Record<string, PatchMeta> = {
  finalizers: { strategy: 'merge' },
  ownerReferences: { strategy: 'merge', mergeKey: 'uid' },
};

/** Where a PodSpec sits: Pod, PodTemplate, the workload templates, CronJob's job template. */
const POD_SPEC_ROOTS = ['spec', 'template.spec', 'spec.template.spec', 'spec.jobTemplate.spec.template.spec'];
const OBJECT_META_ROOTS = ['metadata', 'template.metadata', 'spec.template.metadata', 'spec.jobTemplate.metadata', 'spec.jobTemplate.spec.template.metadata'];

/** Paths that are the same in every kind that has them. */
const OTHER: Record<string, PatchMeta> = {
  // Conditions merge by type in every built-in status that has them.
  'status.conditions': { strategy: 'merge', mergeKey: 'type' },
  // Pod status.
  'status.podIPs': { strategy: 'merge', mergeKey: 'ip' },
  'status.hostIPs': { strategy: 'merge', mergeKey: 'ip' },
  'status.resourceClaimStatuses': { strategy: 'merge,retainKeys', mergeKey: 'name' },
  // Node.
  'spec.podCIDRs': { strategy: 'merge' },
  'status.addresses': { strategy: 'merge', mergeKey: 'type' },
  // Service: ports merge by port. Endpoints subsets and their addresses are atomic upstream.
  'spec.ports': { strategy: 'merge', mergeKey: 'port' },
  // ServiceAccount.
  secrets: byName,
  // Deployment: switching strategy type clears the other type's fields.
  'spec.strategy': { strategy: 'retainKeys' },
};

function buildTable(): Record<string, PatchMeta> {
  const table: Record<string, PatchMeta> = { ...OTHER };
  for (const root of POD_SPEC_ROOTS) {
    for (const [field, meta] of Object.entries(POD_SPEC)) table[`${root}.${field}`] = meta;
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      for (const [field, meta] of Object.entries(CONTAINER)) table[`${root}.${list}.${field}`] = meta;
    }
  }
  for (const root of OBJECT_META_ROOTS) {
    for (const [field, meta] of Object.entries(OBJECT_META)) table[`${root}.${field}`] = meta;
  }
  return table;
}

/** The dotted-path table behind `builtinPatchMeta`, for inspection and extension. */
export const BUILTIN_PATCH_META_TABLE: Readonly<Record<string, PatchMeta>> = Object.freeze(buildTable());

/** Patch metadata for the built-in kinds' commonly patched lists. */
export const builtinPatchMeta: PatchMetaLookup = createPatchMetaLookup(BUILTIN_PATCH_META_TABLE);
