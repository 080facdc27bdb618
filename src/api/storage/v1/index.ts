import type { KindDefinition } from '../../kind.js';
import { storageClass } from './storageclass.js';

export type { StorageClass, TopologySelectorTerm, TopologySelectorLabelRequirement, VolumeBindingMode } from './storageclass.js';
export { storageClass, isDefaultStorageClass, DEFAULT_CLASS_ANNOTATION } from './storageclass.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const storageV1Kinds: KindDefinition<any>[] = [storageClass];
