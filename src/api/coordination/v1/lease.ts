/** coordination.k8s.io/v1 Lease: a lightweight lock for node heartbeats and leader election. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid, notSupported } from '../../validation/field-errors.js';

/** What a Lease is for and who holds it. */
export interface LeaseSpec {
  /** The identity of the current holder of the lease. */
  holderIdentity?: string;
  /** How long candidates must wait after the last renewTime before they may take the lease. */
  leaseDurationSeconds?: number;
  /** When the current holder acquired the lease (RFC3339 with microseconds). */
  acquireTime?: string;
  /** When the current holder last renewed the lease (RFC3339 with microseconds). */
  renewTime?: string;
  /** How many times the lease has passed from one holder to another. */
  leaseTransitions?: number;
  /** How a coordinated leader election picks the holder (OldestEmulationVersion). */
  strategy?: string;
  /** A hint to coordinated election of who should hold the lease next. */
  preferredHolder?: string;
}

export interface Lease extends KubeObject {
  /** The lease's holder and timings. */
  spec?: LeaseSpec;
}

const STRATEGIES = ['OldestEmulationVersion'];

function validateLease(lease: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const spec = lease.spec ?? {};
  if (spec.leaseDurationSeconds != null && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions != null && spec.leaseTransitions < 0) {
    errs.push(invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.strategy != null && !STRATEGIES.includes(spec.strategy)) {
    errs.push(notSupported('spec.strategy', spec.strategy, STRATEGIES));
  }
  if (spec.preferredHolder && !spec.holderIdentity) {
    errs.push(forbidden('spec.preferredHolder', 'may only be specified if `holderIdentity` is set'));
  }
  return errs;
}

export const lease = defineKind<Lease>({
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  generationFields: [],
  validate: validateLease,
  table: {
    columns: [nameColumn, col('Holder', 0, 'string', 'holderIdentity contains the identity of the holder of a current lease.'), ageColumn],
    cells: (l, now) => [l.metadata.name, l.spec?.holderIdentity ?? '', formatAge(l.metadata.creationTimestamp, now)],
  },
});
