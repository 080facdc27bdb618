export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch, type StrategicMergePatchOptions } from './strategic-merge-patch.js';
export {
  BUILTIN_PATCH_META_TABLE,
  builtinPatchMeta,
  createPatchMetaLookup,
  type PatchMeta,
  type PatchMetaLookup,
  type PatchStrategy,
} from './patch-meta.js';
