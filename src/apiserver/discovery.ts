/**
 * API discovery: aggregated (apidiscovery.k8s.io/v2 and v2beta1) at /api and /apis, and the
 * legacy APIVersions / APIGroupList / APIResourceList documents.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_VERBS } from '../api/kind.js';
import type { Scheme, AnyKind } from '../api/scheme.js';

const AGG_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGG_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

interface SubresourceInfo {
  name: string;
  kind: string;
  group: string;
  version: string;
  verbs: string[];
}

function subresourcesOf(k: AnyKind): SubresourceInfo[] {
  const out: SubresourceInfo[] = [];
  const self = { kind: k.kind, group: k.group, version: k.version };
  if (k.statusSubresource) out.push({ name: 'status', ...self, verbs: ['get', 'patch', 'update'] });
  if (k.scale) out.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  for (const x of k.extraSubresources ?? []) {
    if (out.some((s) => s.name === x.name)) continue;
    out.push({ name: x.name, kind: x.kind, group: x.group ?? k.group, version: x.version ?? k.version, verbs: x.verbs });
  }
  return out;
}

function aggregatedResource(k: AnyKind): Record<string, unknown> {
  const r: Record<string, unknown> = {
    resource: k.plural,
    responseKind: { group: k.group, version: k.version, kind: k.kind },
    scope: k.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: k.singular,
    verbs: k.verbs ?? DEFAULT_VERBS,
  };
  if (k.shortNames?.length) r.shortNames = k.shortNames;
  if (k.categories?.length) r.categories = k.categories;
  const subs = subresourcesOf(k);
  if (subs.length) {
    r.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return r;
}

function groupItem(scheme: Scheme, group: string): Record<string, unknown> {
  return {
    metadata: group === '' ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
    versions: scheme.versions(group).map((version) => ({
      version,
      resources: scheme.kindsIn(group, version).map(aggregatedResource),
      freshness: 'Current',
    })),
  };
}

export interface DiscoveryDoc {
  body: string;
  contentType: string;
  etag: string;
}

function doc(body: unknown, contentType: string): DiscoveryDoc {
  const text = JSON.stringify(body);
  return { body: text, contentType, etag: `"${createHash('sha256').update(text).digest('hex').slice(0, 32)}"` };
}

/** Picks aggregated v2, v2beta1 or legacy from the Accept header, as kube-apiserver does. */
export function aggregatedVersionFor(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '').toLowerCase();
    if (!p.includes('g=apidiscovery.k8s.io') || !p.includes('as=apigroupdiscoverylist')) continue;
    if (p.includes('v=v2beta1')) return 'v2beta1';
    if (p.includes('v=v2')) return 'v2';
  }
  return undefined;
}

/** Precomputed discovery documents (the kind set is fixed while the server runs). */
export class Discovery {
  private readonly cache = new Map<string, DiscoveryDoc>();

  constructor(
    private readonly scheme: Scheme,
    private readonly serverAddress: string,
  ) {}

  /** GET /api or /apis. */
  root(prefix: 'api' | 'apis', accept: string | undefined): DiscoveryDoc {
    const agg = aggregatedVersionFor(accept);
    const key = `${prefix}:${agg ?? 'legacy'}`;
    let d = this.cache.get(key);
    if (!d) {
      d = agg ? this.aggregated(prefix, agg) : this.legacyRoot(prefix);
      this.cache.set(key, d);
    }
    return d;
  }

  /** GET /apis/{group}: the APIGroup, or undefined when the group is unknown. */
  group(group: string): DiscoveryDoc | undefined {
    if (!this.scheme.groups().includes(group) || group === '') return undefined;
    return doc({ kind: 'APIGroup', apiVersion: 'v1', ...this.apiGroup(group) }, 'application/json');
  }

  /** GET /api/v1 or /apis/{group}/{version}: the APIResourceList, or undefined. */
  resources(group: string, version: string): DiscoveryDoc | undefined {
    const key = `res:${group}/${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const kinds = this.scheme.kindsIn(group, version);
    if (!kinds.length) return undefined;
    const resources: Record<string, unknown>[] = [];
    for (const k of kinds) {
      const r: Record<string, unknown> = {
        name: k.plural,
        singularName: k.singular,
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: k.verbs ?? DEFAULT_VERBS,
      };
      if (k.shortNames?.length) r.shortNames = k.shortNames;
      if (k.categories?.length) r.categories = k.categories;
      resources.push(r);
      for (const s of subresourcesOf(k)) {
        const sub: Record<string, unknown> = { name: `${k.plural}/${s.name}`, singularName: '', namespaced: k.namespaced, kind: s.kind, verbs: s.verbs };
        if (s.group !== k.group) sub.group = s.group;
        if (s.version !== k.version) sub.version = s.version;
        resources.push(sub);
      }
    }
    const d = doc(
      { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources },
      'application/json',
    );
    this.cache.set(key, d);
    return d;
  }

  private aggregated(prefix: 'api' | 'apis', v: 'v2' | 'v2beta1'): DiscoveryDoc {
    const groups = prefix === 'api' ? [''] : this.scheme.groups().filter((g) => g !== '');
    return doc(
      {
        kind: 'APIGroupDiscoveryList',
        apiVersion: `apidiscovery.k8s.io/${v}`,
        metadata: {},
        items: groups.map((g) => groupItem(this.scheme, g)),
      },
      v === 'v2' ? AGG_V2 : AGG_V2BETA1,
    );
  }

  private legacyRoot(prefix: 'api' | 'apis'): DiscoveryDoc {
    if (prefix === 'api') {
      return doc(
        {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.serverAddress }],
        },
        'application/json',
      );
    }
    const groups = this.scheme.groups().filter((g) => g !== '').map((g) => this.apiGroup(g));
    return doc({ kind: 'APIGroupList', apiVersion: 'v1', groups }, 'application/json');
  }

  private apiGroup(group: string): Record<string, unknown> {
    const versions = this.scheme.versions(group).map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
    return { name: group, versions, preferredVersion: versions[0] };
  }
}
