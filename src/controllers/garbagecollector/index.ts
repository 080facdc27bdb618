/** The garbage collector: ownerReferences across kinds, Background/Foreground/Orphan propagation. */
export { collectableKinds, garbageCollectorController, type GarbageCollectorOptions } from './controller.js';
export { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './graph.js';
