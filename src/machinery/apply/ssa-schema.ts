/**
 * Where server-side apply's view of a field differs from strategic merge patch's: lists keyed by
 * several fields (with defaults for missing key fields), and maps or structs that are atomic
 * (owned and replaced whole), as the upstream type markers say (+listMapKey, +structType=atomic,
 * +mapType=atomic).
 */

export interface ListKeys {
  keys: string[];
  /** Values a key field takes when an item leaves it out (its schema default). */
  defaults: Record<string, unknown>;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];
const POD_SPEC_PREFIXES = [[], ['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template']];

/** Paths (field names from the root) whose value is atomic. */
const ATOMIC = new Set<string>();
for (const p of [
  'spec.selector', // LabelSelector (+structType=atomic) on workloads and PDBs; Service selector (+mapType=atomic)
  'spec.jobTemplate.spec.selector',
  'spec.template.spec.nodeSelector',
  'spec.jobTemplate.spec.template.spec.nodeSelector',
  'spec.nodeSelector',
  'spec.namespaceSelector',
  'spec.podSelector',
]) {
  ATOMIC.add(p);
}

export function isAtomic(path: readonly string[]): boolean {
  const last = path[path.length - 1];
  if (last === 'labelSelector' || last === 'namespaceSelector') return true;
  return ATOMIC.has(path.join('.'));
}

const PORT_KEYS: ListKeys = { keys: ['containerPort', 'protocol'], defaults: { protocol: 'TCP' } };
const SERVICE_PORT_KEYS: ListKeys = { keys: ['port', 'protocol'], defaults: { protocol: 'TCP' } };

/** Keys of lists that SSA keys by more than the SMP merge key. */
export function multiKeys(path: readonly string[]): ListKeys | undefined {
  const n = path.length;
  if (path[n - 1] !== 'ports') return undefined;
  if (CONTAINER_LISTS.includes(path[n - 2] ?? '')) return PORT_KEYS;
  if (n === 2 && path[0] === 'spec') return SERVICE_PORT_KEYS;
  return undefined;
}

export const POD_SPEC_PATHS = POD_SPEC_PREFIXES;
