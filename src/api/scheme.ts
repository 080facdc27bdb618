/**
 * The kind registry: group/version/kind ↔ plural, scope, short names, subresources and printers.
 * Everything that needs to know which kinds exist asks this module.
 */
import type { KindDefinition } from './kind.js';
import type { KubeObject } from './meta.js';
import { apiVersionOf } from './meta.js';
import { allKinds } from './all-kinds.js';

export interface GroupVersion {
  group: string;
  version: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = KindDefinition<any>;

export class Scheme {
  private readonly byResource = new Map<string, AnyKind>();
  private readonly byKind = new Map<string, AnyKind>();
  private readonly groupOrder: string[] = [];
  private readonly versionsByGroup = new Map<string, string[]>();

  constructor(readonly kinds: readonly AnyKind[]) {
    for (const k of kinds) {
      const rkey = `${k.group}/${k.version}/${k.plural}`;
      if (this.byResource.has(rkey)) throw new Error(`duplicate resource ${rkey}`);
      this.byResource.set(rkey, k);
      this.byKind.set(`${k.group}/${k.version}/${k.kind}`, k);
      if (!this.versionsByGroup.has(k.group)) {
        this.groupOrder.push(k.group);
        this.versionsByGroup.set(k.group, []);
      }
      const versions = this.versionsByGroup.get(k.group)!;
      if (!versions.includes(k.version)) versions.push(k.version);
    }
  }

  /** The kind served at /apis/{group}/{version}/{plural}. */
  resource(group: string, version: string, plural: string): AnyKind | undefined {
    return this.byResource.get(`${group}/${version}/${plural}`);
  }

  kind(group: string, version: string, kind: string): AnyKind | undefined {
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  /** Groups in registration order ("" first: the core group). */
  groups(): string[] {
    return [...this.groupOrder];
  }

  /** Versions of a group, preferred first. */
  versions(group: string): string[] {
    return [...(this.versionsByGroup.get(group) ?? [])];
  }

  kindsIn(group: string, version: string): AnyKind[] {
    return this.kinds.filter((k) => k.group === group && k.version === version);
  }

  /** Finds a kind by plural, singular, short name or kind name, case-insensitively (like kubectl). */
  lookup(name: string): AnyKind | undefined {
    const n = name.toLowerCase();
    const [res, ...groupParts] = n.split('.');
    const group = groupParts.join('.');
    return this.kinds.find(
      (k) =>
        (group === '' || k.group === group) &&
        (k.plural === res || k.singular === res || k.kind.toLowerCase() === res || (k.shortNames ?? []).includes(res!)),
    );
  }
}

export function apiVersionOfKind(k: AnyKind): string {
  return apiVersionOf(k.group, k.version);
}

export function listKindOf(k: AnyKind): string {
  return k.listKind ?? `${k.kind}List`;
}

/** Stamps apiVersion and kind on an object of kind `k`. */
export function withTypeMeta<T extends KubeObject>(k: AnyKind, obj: T): T {
  obj.apiVersion = apiVersionOfKind(k);
  obj.kind = k.kind;
  return obj;
}

/** The registry of every built-in kind. */
export const scheme = new Scheme(allKinds);
