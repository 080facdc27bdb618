/**
 * How a kind is described to the rest of Gantry. Each kind file (`src/api/<group>/<version>/<kind>.ts`)
 * exports one `KindDefinition`: its names, scope, subresources, defaults, validation and printer
 * columns. The apiserver's generic REST store, discovery and Table output are driven by these.
 */
import type { KubeObject } from './meta.js';
import type { FieldError } from './validation/field-errors.js';
import type { NameValidator } from './validation/names.js';

export interface TableColumn {
  /** Upstream column name, e.g. "Name", "Ready", "Nominated Node". */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** "name" for the Name column, otherwise "". */
  format?: string;
  description?: string;
  /** 0: always shown; 1: only with -o wide. */
  priority?: number;
}

export interface TableDefinition<T> {
  columns: TableColumn[];
  /** One cell per column, in order. `now` is for ages (see printing.ts `formatAge`). */
  cells(obj: T, now: Date): unknown[];
}

/** Where the replica counts of a kind with a /scale subresource live. */
export interface ScaleDefinition {
  /** e.g. 'spec.replicas' */
  specReplicasPath: string;
  /** e.g. 'status.replicas' */
  statusReplicasPath: string;
  /** Path of a LabelSelector object (e.g. 'spec.selector'), or of a selector string. */
  labelSelectorPath?: string;
}

/** A subresource served by special code in the apiserver (pods/log, pods/binding, ...), for discovery. */
export interface ExtraSubresource {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

/** When a kind's objects are stored in another version's shape (autoscaling/v1 HPA → v2). */
export interface StorageConversion<T extends KubeObject> {
  group: string;
  version: string;
  kind: string;
  plural: string;
  toStored(obj: T): KubeObject;
  fromStored(obj: KubeObject): T;
}

export interface KindDefinition<T extends KubeObject = KubeObject> {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  /** Defaults to `${kind}List`. */
  listKind?: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Defaults to create, delete, deletecollection, get, list, patch, update, watch. */
  verbs?: string[];
  /** Has a /status subresource: writes to the main resource keep the old status, and /status writes keep the old spec. */
  statusSubresource?: boolean;
  scale?: ScaleDefinition;
  extraSubresources?: ExtraSubresource[];
  /** Checker for metadata.name; DNS-1123 subdomain by default. */
  nameValidator?: NameValidator;
  /**
   * Top-level fields whose change bumps metadata.generation (upstream: spec for most kinds).
   * An empty list means the kind has no generation.
   */
  generationFields?: string[];
  /** Fills defaults in place. Runs on create and on every update, before validation. */
  defaults?(obj: T): void;
  /** Prepares a new object: e.g. clears or initialises status (pods start Pending). */
  prepareForCreate?(obj: T): void;
  /** Checks a new object (metadata is checked by the caller). */
  validate?(obj: T): FieldError[];
  /** Checks an update: usually validate(obj) plus immutable fields. Defaults to validate(obj). */
  validateUpdate?(obj: T, old: T): FieldError[];
  /** Checks a /status update. Defaults to no extra checks. */
  validateStatusUpdate?(obj: T, old: T): FieldError[];
  table: TableDefinition<T>;
  /**
   * Field selector keys beyond metadata.name and metadata.namespace, with the value each
   * object has for them, e.g. { 'spec.nodeName': (p) => p.spec.nodeName ?? '' }.
   */
  fieldSelectors?: Record<string, (obj: T) => string>;
  /** Present when the objects are stored in another kind's shape. */
  storage?: StorageConversion<T>;
}

export const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Helper so kind files get type inference: `export const pod = defineKind<Pod>({...})`. */
export function defineKind<T extends KubeObject>(def: KindDefinition<T>): KindDefinition<T> {
  return def;
}
