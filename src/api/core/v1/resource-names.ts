/** Resource name classes (upstream pkg/apis/core/helper): standard, native, extended, integer. */

/** Resources a container may request without a domain prefix. */
export const STANDARD_CONTAINER_RESOURCES: readonly string[] = ['cpu', 'memory', 'ephemeral-storage'];

/** Object-count resources, which must be whole numbers. */
const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
]);

/** Every resource name upstream accepts without a domain prefix (containers, quotas, limit ranges). */
const STANDARD_RESOURCES = new Set([
  ...STANDARD_CONTAINER_RESOURCES,
  ...STANDARD_CONTAINER_RESOURCES.flatMap((r) => [`requests.${r}`, `limits.${r}`]),
  ...INTEGER_RESOURCES,
  'requests.storage',
  'storage',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

export function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-');
}

export function isStandardContainerResourceName(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.includes(name) || isHugePageResourceName(name);
}

/** Native resources have no domain or a kubernetes.io domain. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** An extended resource: a domain-prefixed name outside kubernetes.io, e.g. "example.com/gpu". */
export function isExtendedResourceName(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.');
}

/** Whether requests may be lower than limits (false for extended resources and huge pages). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** Resources whose quantities must be whole numbers. */
export function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}
