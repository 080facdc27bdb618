/**
 * Converting between stored values and API objects. The stored JSON never carries
 * metadata.resourceVersion: it is the key's modRevision, filled on read (as kube-apiserver does).
 */
import type { KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import { apiVersionOfKind } from '../../api/scheme.js';
import type { KeyValue } from '../../storage/index.js';

/** Serialises an object in its storage shape (converted when the kind is stored as another). */
export function encodeForStorage(kind: AnyKind, obj: KubeObject): string {
  const stored = kind.storage ? kind.storage.toStored(obj) : obj;
  const rv = stored.metadata.resourceVersion;
  delete stored.metadata.resourceVersion;
  const text = JSON.stringify(stored);
  if (rv !== undefined) stored.metadata.resourceVersion = rv;
  return text;
}

/** Parses a stored value into the storage shape, with resourceVersion set from the revision. */
export function decodeStored(kv: KeyValue): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

/** A stored object as kind `kind` (converted out of the storage shape when needed). Copies. */
export function toServed(kind: AnyKind, stored: KubeObject): KubeObject {
  if (kind.storage) {
    const out = kind.storage.fromStored(structuredClone(stored));
    out.apiVersion = apiVersionOfKind(kind);
    out.kind = kind.kind;
    out.metadata.resourceVersion = stored.metadata.resourceVersion;
    return out;
  }
  return stored;
}

/**
 * The object with metadata.resourceVersion set to `revision` (a shallow copy when it differs):
 * a watch event's object carries the event's revision, also for an object that left a filter.
 */
export function atRevision(obj: KubeObject, revision: number): KubeObject {
  const rv = String(revision);
  return obj.metadata.resourceVersion === rv ? obj : { ...obj, metadata: { ...obj.metadata, resourceVersion: rv } };
}
