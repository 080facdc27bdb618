/**
 * Server-side apply and field ownership (metadata.managedFields), in the model of
 * structured-merge-diff: every manager owns a set of fields; an Update takes the fields it
 * changes from everyone else; an Apply sets exactly its configuration's fields, conflicting
 * with other owners of a field whose value it would change, unless forced.
 */
import type { ManagedFieldsEntry } from '../../api/meta.js';
import { deepEqual } from '../deep.js';
import { ApiError } from '../errors/api-error.js';
import type { PatchMetaLookup } from '../patch/patch-meta.js';
import { fieldsOf, valueAt } from './fields.js';
import { type FieldSet, addMember, difference, hasMember, isEmpty, members, pathString, removeMember } from './fieldset.js';
import { mergeApplied, removeAt } from './merge.js';
import { rfc3339 } from '../../util/index.js';

type Obj = Record<string, unknown>;

export interface OwnerOptions {
  manager: string;
  /** apiVersion of the request (e.g. "apps/v1"). */
  apiVersion: string;
  subresource?: string;
  meta: PatchMetaLookup;
  now?: Date;
}

interface Entry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  fields: FieldSet;
}

function timestamp(now?: Date): string {
  return rfc3339(now ?? Date.now());
}

function decode(obj: Obj | undefined): Entry[] {
  const meta = obj?.metadata as { managedFields?: ManagedFieldsEntry[] } | undefined;
  const out: Entry[] = [];
  for (const e of meta?.managedFields ?? []) {
    if (!e || typeof e.manager !== 'string' || (e.operation !== 'Apply' && e.operation !== 'Update')) continue;
    out.push({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion ?? '',
      time: e.time ?? '',
      subresource: e.subresource || undefined,
      fields: (e.fieldsV1 as FieldSet | undefined) ?? {},
    });
  }
  return out;
}

/** kube-apiserver's order: Apply before Update, then by time (whole seconds), manager, apiVersion, subresource. */
function compareEntries(a: Entry, b: Entry): number {
  if (a.operation !== b.operation) return a.operation === 'Apply' ? -1 : 1;
  const t = a.time.localeCompare(b.time);
  if (t) return t;
  return a.manager.localeCompare(b.manager) || a.apiVersion.localeCompare(b.apiVersion) || (a.subresource ?? '').localeCompare(b.subresource ?? '');
}

function encode(entries: Entry[]): ManagedFieldsEntry[] {
  return [...entries]
    .sort(compareEntries)
    .filter((e) => !isEmpty(e.fields))
    .map((e) => {
      const out: ManagedFieldsEntry = {
        manager: e.manager,
        operation: e.operation,
        apiVersion: e.apiVersion,
        time: e.time,
        fieldsType: 'FieldsV1',
        fieldsV1: e.fields,
      };
      if (e.subresource) out.subresource = e.subresource;
      return out;
    });
}

function setManaged(obj: Obj, entries: Entry[]): void {
  const meta = (obj.metadata ??= {}) as { managedFields?: ManagedFieldsEntry[] };
  const encoded = encode(entries);
  if (encoded.length) meta.managedFields = encoded;
  else delete meta.managedFields;
}

function sameEntry(e: Entry, manager: string, operation: string, subresource?: string): boolean {
  return e.manager === manager && e.operation === operation && (e.subresource ?? '') === (subresource ?? '');
}

function isLeaf(set: FieldSet, path: readonly string[]): boolean {
  let cur: FieldSet | undefined = set;
  for (const el of path) cur = cur?.[el];
  return !!cur && Object.keys(cur).length === 0;
}

/** Fields of `next` that are new or hold a different value than in `prev`. */
function changedFields(prev: Obj | undefined, next: Obj, opts: OwnerOptions): FieldSet {
  const nextSet = fieldsOf(next, opts);
  const out: FieldSet = {};
  for (const m of members(nextSet)) {
    const before = valueAt(prev, m);
    if (!before.found) addMember(out, m);
    else if (isLeaf(nextSet, m) && !deepEqual(before.value, valueAt(next, m).value)) addMember(out, m);
  }
  return out;
}

/**
 * Records an Update (create, PUT, patch, scale): the manager takes the fields it set or changed,
 * other managers lose them, and removed fields leave every set. Writes next.metadata.managedFields.
 */
export function trackUpdate(prev: Obj | undefined, next: Obj, opts: OwnerOptions): void {
  const entries = decode(prev);
  const changed = changedFields(prev, next, opts);
  const removed = prev ? difference(fieldsOf(prev, opts), fieldsOf(next, opts)) : {};
  for (const e of entries) {
    const before = JSON.stringify(e.fields);
    e.fields = difference(difference(e.fields, changed), removed);
    if (JSON.stringify(e.fields) !== before) e.time = timestamp(opts.now);
  }
  if (!isEmpty(changed)) {
    let mine = entries.find((e) => sameEntry(e, opts.manager, 'Update', opts.subresource));
    if (!mine) {
      mine = { manager: opts.manager, operation: 'Update', apiVersion: opts.apiVersion, time: '', subresource: opts.subresource, fields: {} };
      entries.push(mine);
    }
    for (const m of members(changed)) addMember(mine.fields, m);
    mine.apiVersion = opts.apiVersion;
    mine.time = timestamp(opts.now);
  }
  setManaged(next, entries);
}

export interface ApplyConflict {
  manager: string;
  subresource?: string;
  apiVersion: string;
  field: string;
}

export interface ApplyOptions extends OwnerOptions {
  force?: boolean;
}

/**
 * Server-side apply of `config` by `opts.manager` onto `live` (undefined: create). Throws a
 * 409 Conflict with FieldManagerConflict causes unless forced.
 */
export function applyConfig(live: Obj | undefined, config: Obj, opts: ApplyOptions): Obj {
  const entries = decode(live);
  const applied = fieldsOf(config, opts);
  let found = findConflicts(entries, applied, { live, config, opts });
  if (found.length && opts.manager === 'kubectl' && !opts.force) {
    // Upgrading from client-side apply: fields kubectl applied before (its last-applied
    // configuration, where the live object still holds those values) are not conflicts.
    const upgrade = lastAppliedFields(live, opts);
    const outside = found.filter((c) => !upgrade || !hasMember(upgrade, c.path));
    if (!outside.length) found = findConflicts(entries, applied, { live, config, opts: { ...opts, force: true } });
    else found = outside;
  }
  if (found.length && !opts.force) throw conflictError(found);
  let mine = entries.find((e) => sameEntry(e, opts.manager, 'Apply', opts.subresource));
  const base: Obj = live ? structuredClone(live) : {};
  if (mine) {
    const others = entries.filter((e) => e !== mine);
    const dropped = members(difference(mine.fields, applied)).sort((a, b) => a.length - b.length);
    for (const m of dropped) {
      if (!others.some((e) => ownsUnder(e.fields, m))) removeAt(base, m);
    }
  } else {
    mine = { manager: opts.manager, operation: 'Apply', apiVersion: opts.apiVersion, time: '', subresource: opts.subresource, fields: {} };
    entries.push(mine);
  }
  const result = mergeApplied(base, config, opts.meta);
  if (JSON.stringify(mine.fields) !== JSON.stringify(applied) || !mine.time) mine.time = timestamp(opts.now);
  mine.fields = applied;
  mine.apiVersion = opts.apiVersion;
  setManaged(result, entries);
  return result;
}

interface FoundConflict extends ApplyConflict {
  path: string[];
  operation: 'Apply' | 'Update';
}

/** Leaf fields of `applied` other managers own with a different value; with force, takes them. */
function findConflicts(
  entries: Entry[],
  applied: FieldSet,
  ctx: { live: Obj | undefined; config: Obj; opts: ApplyOptions },
): FoundConflict[] {
  const { live, config, opts } = ctx;
  const out: FoundConflict[] = [];
  for (const e of entries) {
    if (sameEntry(e, opts.manager, 'Apply', opts.subresource)) continue;
    for (const m of members(applied)) {
      if (!hasMember(e.fields, m) || !isLeaf(applied, m)) continue;
      const cur = valueAt(live, m);
      if (cur.found && deepEqual(cur.value, valueAt(config, m).value)) continue;
      if (opts.force) removeMember(e.fields, m);
      else {
        out.push({ manager: e.manager, subresource: e.subresource, apiVersion: e.apiVersion, operation: e.operation, field: pathString(m), path: m });
      }
    }
  }
  return out;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The fields of kubectl's last-applied configuration whose values the live object still holds. */
function lastAppliedFields(live: Obj | undefined, opts: ApplyOptions): FieldSet | undefined {
  const annotations = (live?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
  const text = annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  let last: Obj;
  try {
    last = JSON.parse(text) as Obj;
  } catch {
    return undefined;
  }
  if (last.apiVersion !== opts.apiVersion) return undefined;
  const out: FieldSet = {};
  const lastSet = fieldsOf(last, opts);
  for (const m of members(lastSet)) {
    if (!isLeaf(lastSet, m)) continue;
    const cur = valueAt(live, m);
    if (cur.found && deepEqual(cur.value, valueAt(last, m).value)) addMember(out, m);
  }
  return out;
}

/** True when `set` owns `path` or anything below it. */
function ownsUnder(set: FieldSet, path: readonly string[]): boolean {
  let cur: FieldSet | undefined = set;
  for (const el of path) {
    cur = cur[el];
    if (!cur) return false;
  }
  return true;
}

function conflictError(conflicts: FoundConflict[]): ApiError {
  const n = conflicts.length;
  let text: string;
  if (n === 1) {
    text = `conflict with ${managerText(conflicts[0]!)}: ${conflicts[0]!.field}`;
  } else {
    // As structured-merge-diff prints several: one group per manager, sorted, a path per line.
    const groups = new Map<string, string[]>();
    for (const c of conflicts) groups.set(managerText(c), [...(groups.get(managerText(c)) ?? []), c.field]);
    const lines: string[] = [];
    for (const who of [...groups.keys()].sort()) {
      lines.push(`conflicts with ${who}:`);
      for (const f of groups.get(who)!) lines.push(`- ${f}`);
    }
    text = lines.join('\n');
  }
  const message = `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: ${text}`;
  const err = ApiError.conflict({ group: '', resource: '' }, '', { detail: message });
  err.status.message = message;
  err.status.details = {
    causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${managerText(c)}`, field: c.field })),
  };
  return err;
}

/**
 * A manager as kube-apiserver prints it in conflicts: `"kubectl" with subresource "scale" using
 * apps/v1` for an Update manager; an Apply manager is just its name.
 */
function managerText(c: FoundConflict): string {
  const sub = c.subresource ? ` with subresource "${c.subresource}"` : '';
  const using = c.operation === 'Update' ? ` using ${c.apiVersion}` : '';
  return `"${c.manager}"${sub}${using}`;
}
