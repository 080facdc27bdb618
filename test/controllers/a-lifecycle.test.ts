/**
 * Deletion end to end with the stock kubectl: a Deployment deleted with each cascade mode
 * (garbage collector), a namespace deleted with content (namespace controller), and the
 * Endpoints/EndpointSlices of a Service over the deployment's pods.
 */
import { describe, expect, it } from 'vitest';
import { deployment as deploymentKind, replicaSet as replicaSetKind, type Deployment, type ReplicaSet } from '../../src/api/apps/v1/index.js';
import { endpoints as endpointsKind, namespace as namespaceKind, pod as podKind, serviceAccount, type Endpoints, type Pod } from '../../src/api/core/v1/index.js';
import { endpointSlice as sliceKind, type EndpointSlice } from '../../src/api/discovery/v1/index.js';
import { isNotFound } from '../../src/machinery/index.js';
import { waitFor } from '../support/index.js';
import { deploymentYaml, useControllerCluster, type ControllerCluster } from './a-support.js';

const cluster = useControllerCluster({ simulatedNodes: 3 });

async function deployed(c: ControllerCluster, ns: string, name: string, replicas = 2): Promise<void> {
  await c.kubectl(['-n', ns, 'apply', '-f', '-'], { input: deploymentYaml(name, { replicas }) });
  await c.kubectl(['-n', ns, 'rollout', 'status', `deployment/${name}`, '--timeout=60s']);
}
const pods = async (c: ControllerCluster, ns: string) => (await c.client.resource<Pod>(podKind).list(ns)).items;
const rss = async (c: ControllerCluster, ns: string) => (await c.client.resource<ReplicaSet>(replicaSetKind).list(ns)).items;

describe('cascading deletion (end to end)', () => {
  it('background: the deployment goes at once, then its replica sets and pods', async () => {
    const c = cluster();
    const ns = await c.namespace('bg');
    await deployed(c, ns, 'web');
    await c.kubectl(['-n', ns, 'delete', 'deployment', 'web', '--cascade=background']);
    await waitFor(async () => (await rss(c, ns)).length === 0 && (await pods(c, ns)).length === 0, { timeoutMs: 30_000, description: 'dependents collected' });
  }, 90_000);

  it('foreground: the deployment waits with foregroundDeletion until its dependents are gone', async () => {
    const c = cluster();
    const ns = await c.namespace('fg');
    await deployed(c, ns, 'web', 3);
    await c.kubectl(['-n', ns, 'delete', 'deployment', 'web', '--cascade=foreground', '--wait=false']);
    const d = await c.client.resource<Deployment>(deploymentKind).get(ns, 'web');
    expect(d.metadata.deletionTimestamp).toBeTruthy();
    expect(d.metadata.finalizers).toContain('foregroundDeletion');
    let seenWhileDependents = false;
    await waitFor(
      async () => {
        const left = (await pods(c, ns)).length + (await rss(c, ns)).length;
        try {
          await c.client.resource(deploymentKind).get(ns, 'web');
          if (left > 0) seenWhileDependents = true;
          return false;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          return left === 0;
        }
      },
      { timeoutMs: 30_000, intervalMs: 50, description: 'foreground deletion' },
    );
    expect(seenWhileDependents).toBe(true);
  }, 90_000);

  it('orphan: the deployment goes, its replica set and pods stay without the owner reference', async () => {
    const c = cluster();
    const ns = await c.namespace('orphan');
    await deployed(c, ns, 'web');
    await c.kubectl(['-n', ns, 'delete', 'deployment', 'web', '--cascade=orphan']);
    await waitFor(async () => {
      const list = await rss(c, ns);
      return list.length === 1 && !(list[0]!.metadata.ownerReferences ?? []).length;
    }, { timeoutMs: 30_000, description: 'replica set orphaned' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await pods(c, ns)).toHaveLength(2);
    expect((await rss(c, ns))[0]!.spec.replicas).toBe(2);
  }, 90_000);
});

describe('namespace deletion (end to end)', () => {
  it('empties the namespace, then removes it', async () => {
    const c = cluster();
    const ns = await c.namespace('doomed');
    await deployed(c, ns, 'web');
    await c.kubectl(['-n', ns, 'create', 'configmap', 'cfg', '--from-literal=a=b']);
    await waitFor(() => c.client.resource(serviceAccount).get(ns, 'default').then(() => true), { description: 'default service account' });
    await c.kubectl(['delete', 'namespace', ns, '--timeout=60s'], { timeoutMs: 90_000 });
    await expect(c.client.resource(namespaceKind).get(undefined, ns)).rejects.toSatisfy(isNotFound);
    expect(await pods(c, ns)).toEqual([]);
  }, 120_000);
});

describe('endpoints (end to end)', () => {
  it('publishes the ready pods of a service in Endpoints and EndpointSlices', async () => {
    const c = cluster();
    const ns = await c.namespace('svc');
    await deployed(c, ns, 'web', 3);
    await c.kubectl(['-n', ns, 'expose', 'deployment', 'web', '--port=80', '--target-port=8080']);
    const podIPs = (await pods(c, ns)).map((p) => p.status?.podIP).sort();
    expect(podIPs.every(Boolean)).toBe(true);
    const ep = await waitFor(async () => {
      const e = await c.client.resource<Endpoints>(endpointsKind).get(ns, 'web').catch(() => undefined);
      return e?.subsets?.[0]?.addresses?.length === 3 ? e : undefined;
    }, { timeoutMs: 20_000, description: 'endpoints' });
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip).sort()).toEqual(podIPs);
    expect(ep.subsets![0]!.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    const slices = await waitFor(async () => {
      const list = (await c.client.resource<EndpointSlice>(sliceKind).list(ns, { labelSelector: 'kubernetes.io/service-name=web' })).items;
      return list.length === 1 && list[0]!.endpoints.length === 3 ? list : undefined;
    }, { timeoutMs: 20_000, description: 'endpoint slice' });
    expect(slices[0]!.endpoints.map((e) => e.addresses[0]).sort()).toEqual(podIPs);
    expect(slices[0]!.endpoints.every((e) => e.conditions?.ready === true)).toBe(true);
    const out = await c.kubectl(['-n', ns, 'get', 'endpoints', 'web']);
    for (const ip of podIPs) expect(out.stdout).toContain(`${ip}:8080`);
  }, 90_000);
});
