/** Helpers for the core/v1 kind tests: run a kind's create path and render field errors as kubectl does. */
import type { KindDefinition } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import type { FieldError } from '../../validation/field-errors.js';

/** "field: message" lines, the way kubectl lists causes. */
export function show(errs: FieldError[]): string[] {
  return errs.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
}

/** A fixed clock for table tests. */
export const NOW = new Date('2024-05-01T12:00:00Z');

/** A timestamp `seconds` before NOW. */
export function ago(seconds: number): string {
  return new Date(NOW.getTime() - seconds * 1000).toISOString();
}

/** Prepares and defaults an object in the apiserver's create order; returns it. */
export function created<T extends KubeObject>(kind: KindDefinition<T>, obj: T): T {
  obj.metadata.creationTimestamp ??= ago(3600);
  kind.prepareForCreate?.(obj);
  kind.defaults?.(obj);
  return obj;
}

/** Defaults an object and returns its validation errors as "field: message" lines. */
export function problems<T extends KubeObject>(kind: KindDefinition<T>, obj: T): string[] {
  kind.defaults?.(obj);
  return show(kind.validate?.(obj) ?? []);
}

/** Defaults the new object and returns the update's validation errors. */
export function updateProblems<T extends KubeObject>(kind: KindDefinition<T>, obj: T, old: T): string[] {
  kind.defaults?.(obj);
  const check = kind.validateUpdate ?? ((o: T) => kind.validate?.(o) ?? []);
  return show(check(obj, old));
}

/** The table cells of an object, keyed by column name. */
export function row<T extends KubeObject>(kind: KindDefinition<T>, obj: T, now: Date = NOW): Record<string, unknown> {
  const cells = kind.table.cells(obj, now);
  return Object.fromEntries(kind.table.columns.map((c, i) => [c.name, cells[i]]));
}
