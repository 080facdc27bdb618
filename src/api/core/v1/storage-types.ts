/** Types shared by persistent volume claims, claim templates and persistent volumes. */
import type { LabelSelector } from '../../meta.js';
import type { ResourceList } from './resources.js';

export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
export type PersistentVolumeMode = 'Block' | 'Filesystem';

/** A reference to an object in the same namespace, with its API group. */
export interface TypedLocalObjectReference {
  /** API group of the referenced kind; empty for the core group. */
  apiGroup?: string;
  kind: string;
  name: string;
}

/** Like TypedLocalObjectReference, optionally in another namespace. */
export interface TypedObjectReference extends TypedLocalObjectReference {
  namespace?: string;
}

/** Storage a claim asks for. */
export interface VolumeResourceRequirements {
  /** The most storage the volume may use. */
  limits?: ResourceList;
  /** The least storage required, e.g. { storage: "1Gi" }. */
  requests?: ResourceList;
}

/** What a PersistentVolumeClaim asks for. */
export interface PersistentVolumeClaimSpec {
  /** Access modes the volume should have. */
  accessModes?: PersistentVolumeAccessMode[];
  /** A label query over volumes to consider for binding. */
  selector?: LabelSelector;
  /** Minimum resources the volume should have. */
  resources?: VolumeResourceRequirements;
  /** Binding reference to the PersistentVolume backing this claim. */
  volumeName?: string;
  /** Name of the StorageClass required by the claim. */
  storageClassName?: string;
  /** Block or Filesystem. Defaults to Filesystem. */
  volumeMode?: PersistentVolumeMode;
  /** An existing volume snapshot or claim to populate the volume from. */
  dataSource?: TypedLocalObjectReference;
  /** An object to populate the volume from (any populator). */
  dataSourceRef?: TypedObjectReference;
  /** VolumeAttributesClass the claim uses. */
  volumeAttributesClassName?: string;
}
