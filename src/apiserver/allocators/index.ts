/**
 * Service IP and NodePort allocation, with the store as the source of truth (one key per
 * allocated item). The apiserver's Service strategy allocates on create/update, releases on
 * delete, and runs `repair` at start.
 */
export { ClusterIPAllocator, DEFAULT_SERVICE_CIDR, SERVICE_IPS_PREFIX } from './cluster-ip-allocator.js';
export type { ClusterIPAllocatorOptions, ClusterIPHolder } from './cluster-ip-allocator.js';
export { PortAllocator, DEFAULT_NODE_PORT_RANGE, NODE_PORTS_PREFIX, parsePortRange } from './port-allocator.js';
export type { NodePortHolder, PortAllocatorOptions, PortRange } from './port-allocator.js';
export type { AllocateOptions, ReleaseOptions, StoreAllocatorOptions } from './store-allocator.js';
export type { RepairOptions, RepairReport, ItemOfOwner } from './repair.js';
export type { Owner, AllocationRecord } from './record.js';
export {
  AllocationError,
  AllocatorConfigError,
  AlreadyAllocatedError,
  InvalidItemError,
  NotInRangeError,
  RangeFullError,
  allocationFieldDetail,
  allocationInternalMessage,
} from './errors.js';
export type { AllocationKind } from './errors.js';
export { clusterIPHolderOf, nodePortHolderOf } from './holders.js';
export type { ServiceLike } from './holders.js';
