/** Applies a PATCH body of any supported type to the current object. */
import type { KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import {
  ApiError,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  builtinPatchMeta,
} from '../../machinery/index.js';
import { mediaType, parseJson } from '../http/body.js';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

export interface PatchRequest {
  body: Buffer;
  contentType: string | undefined;
}

export function applyPatchBody(_kind: AnyKind, current: KubeObject, patch: PatchRequest): KubeObject {
  const type = mediaType(patch.contentType);
  if (!PATCH_TYPES.includes(type)) {
    throw ApiError.unsupportedMediaType([...PATCH_TYPES, 'application/apply-patch+yaml']);
  }
  const doc = parseJson(patch.body);
  switch (type) {
    case 'application/json-patch+json':
      if (!Array.isArray(doc)) throw ApiError.badRequest('json patch must be a JSON array of operations');
      return applyJsonPatch(current, doc) as KubeObject;
    case 'application/merge-patch+json':
      return checkPatchedObject(applyMergePatch(current, doc));
    default:
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        throw ApiError.badRequest('strategic merge patch must be a JSON object');
      }
      return checkPatchedObject(applyStrategicMergePatch(current, doc as Record<string, unknown>, builtinPatchMeta));
  }
}

function checkPatchedObject(v: unknown): KubeObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw ApiError.badRequest('the patch must produce a JSON object');
  const obj = v as KubeObject;
  if (obj.metadata === null || obj.metadata === undefined) obj.metadata = {};
  return obj;
}
