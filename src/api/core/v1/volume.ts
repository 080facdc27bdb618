/** Pod volumes: the common volume sources, their defaults and checks. */
import type { LabelSelector } from '../../meta.js';
import { type FieldError, duplicate, fieldPath, forbidden, invalid, notSupported, required } from '../../validation/field-errors.js';
import { isDNS1123Label } from '../../validation/names.js';
import { quantityError, tryParseQuantity } from '../../quantity.js';
import type { ObjectFieldSelector, PullPolicy, ResourceFieldSelector } from './container-types.js';
import type { PersistentVolumeClaimSpec } from './storage-types.js';

/** Maps a key of a ConfigMap or Secret to a file path within the volume. */
export interface KeyToPath {
  /** The key to project. */
  key: string;
  /** Relative path of the file; may not contain '..' nor start with it. */
  path: string;
  /** Mode bits of this file (0–0777); defaults to the volume's defaultMode. */
  mode?: number;
}

/** A directory on the node, mounted into the pod. */
export interface HostPathVolumeSource {
  /** Path of the directory on the host; a symlink is followed. */
  path: string;
  /** What must exist at the path: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice. */
  type?: string;
}

/** A temporary directory that shares the pod's lifetime. */
export interface EmptyDirVolumeSource {
  /** Storage medium: "" (the node's default) or "Memory" (tmpfs). */
  medium?: string;
  /** Most local storage this volume may use. */
  sizeLimit?: string;
}

/** The keys of a Secret, as files. */
export interface SecretVolumeSource {
  /** Name of the secret in the pod's namespace. */
  secretName?: string;
  /** Keys to project; by default every key becomes a file of the same name. */
  items?: KeyToPath[];
  /** Mode bits of the created files (0–0777). Defaults to 0644. */
  defaultMode?: number;
  /** Whether the Secret or its keys may be missing. */
  optional?: boolean;
}

/** The keys of a ConfigMap, as files. */
export interface ConfigMapVolumeSource {
  /** Name of the ConfigMap. */
  name?: string;
  items?: KeyToPath[];
  /** Mode bits of the created files (0–0777). Defaults to 0644. */
  defaultMode?: number;
  optional?: boolean;
}

/** A claim on a PersistentVolume in the pod's namespace. */
export interface PersistentVolumeClaimVolumeSource {
  /** Name of the PersistentVolumeClaim. */
  claimName: string;
  /** Mount the volume read-only. */
  readOnly?: boolean;
}

/** An NFS export. */
export interface NFSVolumeSource {
  /** Hostname or IP of the NFS server. */
  server: string;
  /** Path exported by the server. */
  path: string;
  readOnly?: boolean;
}

/** A file of the downward API volume. */
export interface DownwardAPIVolumeFile {
  /** Relative path of the file to create. */
  path: string;
  /** A field of the pod: only annotations, labels, name, namespace and uid are supported. */
  fieldRef?: ObjectFieldSelector;
  /** A resource of a container: limits or requests of cpu, memory or ephemeral-storage. */
  resourceFieldRef?: ResourceFieldSelector;
  mode?: number;
}

/** Information about the pod, as files. */
export interface DownwardAPIVolumeSource {
  items?: DownwardAPIVolumeFile[];
  /** Mode bits of the created files (0–0777). Defaults to 0644. */
  defaultMode?: number;
}

/** A projected service account token. */
export interface ServiceAccountTokenProjection {
  /** Intended audience of the token; defaults to the apiserver's identifier. */
  audience?: string;
  /** Requested lifetime of the token. Defaults to 3600 (one hour); at least 600. */
  expirationSeconds?: number;
  /** Path of the token file, relative to the mount point. */
  path: string;
}

/** One source of a projected volume. */
export interface VolumeProjection {
  secret?: Omit<SecretVolumeSource, 'secretName' | 'defaultMode'> & { name?: string };
  downwardAPI?: Omit<DownwardAPIVolumeSource, 'defaultMode'>;
  configMap?: Omit<ConfigMapVolumeSource, 'defaultMode'>;
  serviceAccountToken?: ServiceAccountTokenProjection;
  clusterTrustBundle?: { name?: string; signerName?: string; labelSelector?: LabelSelector; optional?: boolean; path: string };
}

/** Several sources projected into one directory. */
export interface ProjectedVolumeSource {
  sources?: VolumeProjection[];
  /** Mode bits of the created files (0–0777). Defaults to 0644. */
  defaultMode?: number;
}

/** A volume provided by a CSI driver. */
export interface CSIVolumeSource {
  /** Name of the CSI driver. */
  driver: string;
  readOnly?: boolean;
  /** Filesystem type to mount, e.g. "ext4". */
  fsType?: string;
  /** Driver-specific properties. */
  volumeAttributes?: Record<string, string>;
  nodePublishSecretRef?: { name?: string };
}

/** A volume whose claim is created with the pod and deleted with it. */
export interface EphemeralVolumeSource {
  /** Template of the PersistentVolumeClaim to create. */
  volumeClaimTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PersistentVolumeClaimSpec };
}

/** An OCI image or artifact mounted read-only. */
export interface ImageVolumeSource {
  /** Image or artifact reference. */
  reference?: string;
  /** Always, Never or IfNotPresent; defaults like a container's imagePullPolicy. */
  pullPolicy?: PullPolicy;
}

/** Where a volume's data comes from. Exactly one source may be set (emptyDir when none is). */
export interface VolumeSource {
  hostPath?: HostPathVolumeSource;
  emptyDir?: EmptyDirVolumeSource;
  secret?: SecretVolumeSource;
  nfs?: NFSVolumeSource;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  downwardAPI?: DownwardAPIVolumeSource;
  configMap?: ConfigMapVolumeSource;
  projected?: ProjectedVolumeSource;
  csi?: CSIVolumeSource;
  ephemeral?: EphemeralVolumeSource;
  image?: ImageVolumeSource;
  /** Other, less common sources (iscsi, rbd, cephfs, ...), passed through unchecked. */
  [source: string]: unknown;
}

/** A named volume in a pod that containers may mount. */
export interface Volume extends VolumeSource {
  /** Name of the volume, a DNS label unique within the pod. */
  name: string;
}

const DEFAULT_MODE = 0o644;

/** Upstream's volume defaults: an emptyDir when no source is set, file modes 0644, token lifetime one hour. */
export function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
  if (sources.length === 0) v.emptyDir = {};
  if (v.hostPath) v.hostPath.type ??= '';
  for (const s of [v.secret, v.configMap, v.downwardAPI, v.projected]) if (s) s.defaultMode ??= DEFAULT_MODE;
  for (const item of v.downwardAPI?.items ?? []) defaultDownwardAPIFile(item);
  for (const p of v.projected?.sources ?? []) {
    if (p.serviceAccountToken) p.serviceAccountToken.expirationSeconds ??= 3600;
    for (const item of p.downwardAPI?.items ?? []) defaultDownwardAPIFile(item);
  }
}

function defaultDownwardAPIFile(f: DownwardAPIVolumeFile): void {
  if (f.fieldRef) f.fieldRef.apiVersion ||= 'v1';
  if (f.resourceFieldRef) f.resourceFieldRef.divisor ??= '0';
}

const SOURCE_KEYS = ['hostPath', 'emptyDir', 'secret', 'nfs', 'persistentVolumeClaim', 'downwardAPI', 'configMap', 'projected', 'csi', 'ephemeral', 'image'];
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** A relative path inside a volume: not absolute, no '..' element. */
export function validateLocalPath(path: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (path.startsWith('/')) errs.push(invalid(field, path, 'must be a relative path'));
  if (path.split('/').includes('..')) errs.push(invalid(field, path, "must not contain '..'"));
  if (path.startsWith('..')) errs.push(invalid(field, path, "must not start with '..'"));
  return errs;
}

function validateMode(mode: number | undefined, field: string): FieldError[] {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [invalid(field, mode, FILE_MODE_ERROR)] : [];
}

function validateItems(items: KeyToPath[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (items ?? []).forEach((it, i) => {
    const f = fieldPath(field, 'items', i);
    if (!it.key) errs.push(required(fieldPath(f, 'key')));
    if (!it.path) errs.push(required(fieldPath(f, 'path')));
    else errs.push(...validateLocalPath(it.path, fieldPath(f, 'path')));
    errs.push(...validateMode(it.mode, fieldPath(f, 'mode')));
  });
  return errs;
}

/** Checks the one source a volume has. */
function validateSource(v: VolumeSource, key: string, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = (value: unknown, name: string): void => {
    if (!value) errs.push(required(fieldPath(f, name)));
  };
  switch (key) {
    case 'hostPath':
      req(v.hostPath!.path, 'path');
      if (v.hostPath!.type !== undefined && !HOST_PATH_TYPES.includes(v.hostPath!.type)) {
        errs.push(notSupported(fieldPath(f, 'type'), v.hostPath!.type, HOST_PATH_TYPES));
      }
      break;
    case 'emptyDir': {
      const size = v.emptyDir!.sizeLimit;
      if (size !== undefined) {
        const bad = quantityError(size);
        if (bad) errs.push(invalid(fieldPath(f, 'sizeLimit'), size, bad));
        else if (tryParseQuantity(size)!.nanos < 0n) errs.push(forbidden(fieldPath(f, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    }
    case 'secret':
      req(v.secret!.secretName, 'secretName');
      errs.push(...validateMode(v.secret!.defaultMode, fieldPath(f, 'defaultMode')), ...validateItems(v.secret!.items, f));
      break;
    case 'configMap':
      req(v.configMap!.name, 'name');
      errs.push(...validateMode(v.configMap!.defaultMode, fieldPath(f, 'defaultMode')), ...validateItems(v.configMap!.items, f));
      break;
    case 'persistentVolumeClaim':
      req(v.persistentVolumeClaim!.claimName, 'claimName');
      break;
    case 'nfs':
      req(v.nfs!.server, 'server');
      req(v.nfs!.path, 'path');
      if (v.nfs!.path && !v.nfs!.path.startsWith('/')) errs.push(invalid(fieldPath(f, 'path'), v.nfs!.path, 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(v.downwardAPI!.defaultMode, fieldPath(f, 'defaultMode')));
      (v.downwardAPI!.items ?? []).forEach((it, i) => {
        const itf = fieldPath(f, 'items', i);
        if (!it.path) errs.push(required(fieldPath(itf, 'path')));
        else errs.push(...validateLocalPath(it.path, fieldPath(itf, 'path')));
        if (!it.fieldRef && !it.resourceFieldRef) errs.push(required(itf, 'one of fieldRef and resourceFieldRef is required'));
      });
      break;
    case 'projected':
      errs.push(...validateMode(v.projected!.defaultMode, fieldPath(f, 'defaultMode')));
      (v.projected!.sources ?? []).forEach((s, i) => {
        const token = s.serviceAccountToken;
        if (token?.expirationSeconds !== undefined && token.expirationSeconds < 600) {
          errs.push(invalid(fieldPath(f, 'sources', i, 'serviceAccountToken', 'expirationSeconds'), token.expirationSeconds, 'may not specify a duration less than 10 minutes'));
        }
        if (token && !token.path) errs.push(required(fieldPath(f, 'sources', i, 'serviceAccountToken', 'path')));
      });
      break;
    case 'csi':
      req(v.csi!.driver, 'driver');
      break;
    case 'ephemeral':
      if (!v.ephemeral!.volumeClaimTemplate) errs.push(required(fieldPath(f, 'volumeClaimTemplate')));
      break;
    case 'image':
      req(v.image!.reference, 'reference');
      break;
  }
  return errs;
}

/**
 * Checks the pod's volumes. Returns the errors and the names of the valid volumes with their
 * sources (volume mounts must refer to one of them).
 */
export function validateVolumes(volumes: Volume[] | undefined, field: string): { errors: FieldError[]; valid: Map<string, Volume> } {
  const errors: FieldError[] = [];
  const valid = new Map<string, Volume>();
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const f = fieldPath(field, i);
    const errs: FieldError[] = [];
    const present = SOURCE_KEYS.filter((k) => v[k] !== undefined && v[k] !== null);
    if (present.length === 0) errs.push(required(f, 'must specify a volume type'));
    present.forEach((k, n) => {
      if (n > 0) errs.push(forbidden(fieldPath(f, k), 'may not specify more than 1 volume type'));
      else errs.push(...validateSource(v, k, fieldPath(f, k)));
    });
    const namePath = fieldPath(f, 'name');
    if (!v.name) errs.push(required(namePath));
    else errs.push(...isDNS1123Label(v.name).map((m) => invalid(namePath, v.name, m)));
    if (names.has(v.name)) errs.push(duplicate(namePath, v.name));
    if (errs.length === 0) {
      names.add(v.name);
      valid.set(v.name, v);
    } else {
      errors.push(...errs);
    }
  });
  return { errors, valid };
}
