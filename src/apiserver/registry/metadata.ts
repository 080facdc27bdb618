/** Server-owned metadata: what the apiserver fills on create and carries over on update. */
import { randomUUID, randomInt } from 'node:crypto';
import type { KubeObject } from '../../api/meta.js';
import type { AnyKind } from '../../api/scheme.js';
import { deepEqual } from '../../machinery/index.js';
import { rfc3339 } from '../../util/index.js';

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName + 5 random characters, as upstream's SimpleNameGenerator. */
export function generateName(base: string): string {
  const prefix = base.length > 253 - 5 ? base.slice(0, 253 - 5) : base;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[randomInt(GENERATE_ALPHABET.length)];
  return prefix + suffix;
}

export function now(): string {
  return rfc3339();
}

export function hasGeneration(kind: AnyKind): boolean {
  return (kind.generationFields ?? ['spec']).length > 0;
}

/** Fills the server-owned fields of a new object. */
export function prepareCreateMetadata(kind: AnyKind, obj: KubeObject): void {
  const m = obj.metadata;
  if (!m.name && m.generateName) m.name = generateName(m.generateName);
  m.uid = randomUUID();
  m.creationTimestamp = now();
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (hasGeneration(kind)) m.generation = 1;
  else delete m.generation;
  if (m.labels && Object.keys(m.labels).length === 0) delete m.labels;
  if (m.annotations && Object.keys(m.annotations).length === 0) delete m.annotations;
}

/**
 * Carries the server-owned fields from the stored object to its update and bumps the generation
 * when one of the kind's generation fields changed.
 */
export function prepareUpdateMetadata(kind: AnyKind, obj: KubeObject, old: KubeObject): void {
  const m = obj.metadata;
  const o = old.metadata;
  m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) {
    m.deletionTimestamp = o.deletionTimestamp;
    m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  } else {
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
  }
  if (!m.name && o.name) m.name = o.name;
  delete m.selfLink;
  if (hasGeneration(kind)) {
    const fields = kind.generationFields ?? ['spec'];
    const rec = obj as unknown as Record<string, unknown>;
    const orec = old as unknown as Record<string, unknown>;
    const changed = fields.some((f) => !deepEqual(rec[f], orec[f]));
    m.generation = (o.generation ?? 1) + (changed ? 1 : 0);
  } else {
    delete m.generation;
  }
  if (m.labels && Object.keys(m.labels).length === 0) delete m.labels;
  if (m.annotations && Object.keys(m.annotations).length === 0) delete m.annotations;
}

/** True when two versions of an object differ in anything but resourceVersion and managedFields. */
export function objectChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => {
    const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata;
    return { ...o, metadata: meta };
  };
  return !deepEqual(strip(a), strip(b));
}
