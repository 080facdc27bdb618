/** core/v1 PersistentVolume: a piece of storage in the cluster, provisioned by an administrator or a class. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { isDNS1123Subdomain } from '../../validation/names.js';
import { type NodeSelector, validateNodeSelector } from './affinity.js';
import type { CSIVolumeSource, HostPathVolumeSource, NFSVolumeSource } from './volume.js';
import type { ObjectReference } from './object-reference.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import { formatAccessModes, storageClassOf, validateAccessModes } from './persistentvolumeclaim.js';
import { type ResourceList, normalizeResourceList, quantityCell, validateResourceQuantity } from './resources.js';
import type { PersistentVolumeAccessMode, PersistentVolumeMode } from './storage-types.js';
import { rfc3339 } from '../../../util/index.js';

/** A directly attached local disk, partition or directory. */
export interface LocalVolumeSource {
  /** Full path to the volume on the node. */
  path: string;
  /** Filesystem type, for block devices. */
  fsType?: string;
}

export interface PersistentVolumeSpec {
  /** The capacity of the volume: { storage: "10Gi" }. */
  capacity?: ResourceList;
  /** How the volume can be mounted. */
  accessModes?: PersistentVolumeAccessMode[];
  /** The claim bound to this volume (set on binding). */
  claimRef?: ObjectReference;
  /** What happens when the claim is released: Retain (default for manual volumes), Delete or Recycle. */
  persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
  /** Name of the StorageClass the volume belongs to; empty means no class. */
  storageClassName?: string;
  /** Mount options, e.g. ["ro", "soft"]; not validated. */
  mountOptions?: string[];
  /** Block or Filesystem. Defaults to Filesystem. */
  volumeMode?: PersistentVolumeMode;
  /** The nodes this volume can be accessed from. */
  nodeAffinity?: { required?: NodeSelector };
  /** The VolumeAttributesClass the volume belongs to. */
  volumeAttributesClassName?: string;
  hostPath?: HostPathVolumeSource;
  local?: LocalVolumeSource;
  nfs?: NFSVolumeSource;
  csi?: CSIVolumeSource & { volumeHandle: string };
  /** Other, less common sources, passed through unchecked. */
  [source: string]: unknown;
}

export interface PersistentVolumeStatus {
  /** Pending, Available, Bound, Released or Failed. */
  phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';
  /** A human-readable message about why the volume is in this state. */
  message?: string;
  /** A brief CamelCase reason for a failure. */
  reason?: string;
  /** When the volume last changed phase. */
  lastPhaseTransitionTime?: string;
}

export interface PersistentVolume extends KubeObject {
  /** The volume's capacity, source and binding. */
  spec?: PersistentVolumeSpec;
  /** The current state of the volume; set by the system. */
  status?: PersistentVolumeStatus;
}

const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const SOURCE_KEYS = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'rbd', 'cephfs', 'cinder', 'flexVolume', 'azureFile', 'azureDisk', 'vsphereVolume', 'portworxVolume', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'photonPersistentDisk', 'quobyte', 'scaleIO', 'storageos', 'flocker'];
const NON_SOURCE_KEYS = new Set(['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName']);

function sourceOf(spec: PersistentVolumeSpec): Record<string, unknown> {
  return Object.fromEntries(Object.entries(spec).filter(([k, v]) => !NON_SOURCE_KEYS.has(k) && v !== undefined && v !== null));
}

function validateSource(spec: PersistentVolumeSpec): FieldError[] {
  const present = SOURCE_KEYS.filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (present.length === 0) return [required('spec', 'must specify a volume type')];
  const errs = present.slice(1).map((k) => forbidden(`spec.${k}`, 'may not specify more than 1 volume type'));
  const need = (v: unknown, f: string): void => {
    if (!v) errs.push(required(f));
  };
  if (spec.hostPath) need(spec.hostPath.path, 'spec.hostPath.path');
  if (spec.nfs) {
    need(spec.nfs.server, 'spec.nfs.server');
    need(spec.nfs.path, 'spec.nfs.path');
  }
  if (spec.csi) {
    need(spec.csi.driver, 'spec.csi.driver');
    need(spec.csi.volumeHandle, 'spec.csi.volumeHandle');
  }
  if (spec.local) {
    need(spec.local.path, 'spec.local.path');
    if (!spec.nodeAffinity) errs.push(required('metadata.annotations', 'Local volume requires node affinity'));
  }
  return errs;
}

function validatePV(pv: PersistentVolume): FieldError[] {
  const spec = pv.spec ?? {};
  const errs = validateAccessModes(spec.accessModes, 'spec.accessModes');
  const cap = spec.capacity;
  if (!cap || Object.keys(cap).length === 0) errs.push(required('spec.capacity'));
  else if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(notSupported('spec.capacity', cap, ['storage']));
  for (const [k, v] of Object.entries(cap ?? {})) errs.push(...validateResourceQuantity(k, v, `spec.capacity[${k}]`));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !RECLAIM_POLICIES.includes(policy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
  if (spec.storageClassName) {
    errs.push(...isDNS1123Subdomain(spec.storageClassName).map((m) => invalid('spec.storageClassName', spec.storageClassName, m)));
  }
  if (spec.volumeMode && !['Block', 'Filesystem'].includes(spec.volumeMode)) {
    errs.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  }
  if (spec.nodeAffinity?.required) errs.push(...validateNodeSelector(spec.nodeAffinity.required, 'spec.nodeAffinity.required'));
  errs.push(...validateSource(spec));
  return errs;
}

function validatePVUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validatePV(pv);
  if (!semanticEqual(sourceOf(pv.spec ?? {}), sourceOf(old.spec ?? {}))) {
    errs.push(forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  }
  if ((pv.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errs.push(invalid('volumeMode', pv.spec?.volumeMode ?? null, 'field is immutable'));
  }
  if (old.spec?.nodeAffinity && !semanticEqual(pv.spec?.nodeAffinity, old.spec.nodeAffinity)) {
    errs.push(invalid('nodeAffinity', pv.spec?.nodeAffinity ?? null, 'field is immutable'));
  }
  return errs;
}

export const persistentVolume = defineKind<PersistentVolume>({
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  statusSubresource: true,
  generationFields: [],
  defaults(pv) {
    pv.spec ??= {};
    pv.spec.persistentVolumeReclaimPolicy ||= 'Retain';
    pv.spec.volumeMode ??= 'Filesystem';
    normalizeResourceList(pv.spec.capacity);
    if (pv.spec.hostPath) pv.spec.hostPath.type ??= '';
    pv.status ??= {};
    pv.status.phase ??= 'Pending';
  },
  prepareForCreate(pv) {
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339() };
  },
  validate: validatePV,
  validateUpdate: validatePVUpdate,
  table: {
    columns: [
      nameColumn,
      col('Capacity', 0, 'string', 'The capacity of the volume.'),
      col('Access Modes', 0, 'string', 'How the volume can be mounted.'),
      col('Reclaim Policy', 0, 'string', 'What happens to the volume when its claim is released.'),
      col('Status', 0, 'string', 'The phase of the volume.'),
      col('Claim', 0, 'string', 'The claim bound to the volume.'),
      col('StorageClass', 0, 'string', 'StorageClass of the pv'),
      col('VolumeAttributesClass', 0, 'string', 'VolumeAttributesClass of the pv'),
      col('Reason', 0, 'string', 'A brief reason for a failure.'),
      ageColumn,
      col('VolumeMode', 1, 'string', 'Whether the volume is a filesystem or a raw block device.'),
    ],
    cells(pv, now) {
      const spec = pv.spec ?? {};
      const ref = spec.claimRef;
      const cap = spec.capacity?.storage;
      return [
        pv.metadata.name,
        quantityCell(cap),
        formatAccessModes(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? '',
        pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
        ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
        storageClassOf(pv),
        spec.volumeAttributesClassName ?? '<unset>',
        pv.status?.reason ?? '',
        formatAge(pv.metadata.creationTimestamp, now),
        spec.volumeMode ?? '<unset>',
      ];
    },
  },
});
