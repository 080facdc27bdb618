import { describe, expect, it } from 'vitest';
import { endpoints as endpointsKind, pod as podKind, service as serviceKind, type Endpoints, type Pod, type Service } from '../../api/core/v1/index.js';
import { endpointSlice as sliceKind, type EndpointSlice } from '../../api/discovery/v1/index.js';
import { FakeApi } from '../runtime/testing/fake-api.js';
import { readyStatus, useControllers, waitUntil } from '../runtime/testing/harness.js';
import { endpointSliceController, endpointsController } from './controller.js';

const NS = 'ns';
const run = useControllers();

function svc(extra: Partial<Service['spec']> = {}): Service {
  return { metadata: { name: 'web', namespace: NS, labels: { tier: 'front' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...extra } };
}
function pod(name: string, ip: string, o: { ready?: boolean; port?: number; terminating?: boolean; labels?: Record<string, string> } = {}): Pod {
  const p: Pod = {
    metadata: { name, namespace: NS, labels: o.labels ?? { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: o.port ?? 8080, protocol: 'TCP' }] }] },
    status: { ...(o.ready === false ? { phase: 'Running' } : readyStatus()), podIP: ip, podIPs: [{ ip }] },
  };
  if (o.terminating) Object.assign(p.metadata, { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['test/hold'] });
  return p;
}
const slices = (api: FakeApi) => api.list<EndpointSlice>(sliceKind, NS);

describe('endpoints controller', () => {
  it('lists ready and not-ready pods per port set, resolving named ports per pod', async () => {
    const api = new FakeApi();
    api.seed(serviceKind, svc());
    api.seed(podKind, pod('a', '10.0.0.2'));
    api.seed(podKind, pod('b', '10.0.0.10', { port: 9090 }));
    api.seed(podKind, pod('c', '10.0.0.3', { ready: false }));
    api.seed(podKind, pod('d', '10.0.0.4', { terminating: true }));
    api.seed(podKind, pod('other', '10.0.0.5', { labels: { app: 'db' } }));
    await run(api, [endpointsController()]);
    const ep = () => api.get<Endpoints>(endpointsKind, NS, 'web');
    await waitUntil(() => !!ep(), { what: 'endpoints' });
    const subsets = ep()!.subsets!;
    expect(ep()!.metadata.labels).toEqual({ tier: 'front' });
    expect(subsets).toHaveLength(2);
    const by = Object.fromEntries(subsets.map((s) => [s.ports![0]!.port, s]));
    expect(by[8080]!.addresses!.map((a) => a.ip)).toEqual(['10.0.0.2']);
    expect(by[8080]!.notReadyAddresses!.map((a) => a.ip)).toEqual(['10.0.0.3']);
    expect(by[8080]!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(by[9090]!.addresses![0]).toMatchObject({ ip: '10.0.0.10', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'b', namespace: NS } });
    await api.resource(serviceKind).patch(NS, 'web', { type: 'merge', body: { spec: { publishNotReadyAddresses: true } } });
    await waitUntil(() => ep()!.subsets!.every((s) => !s.notReadyAddresses) && ep()!.subsets!.flatMap((s) => s.addresses!).length === 4, { what: 'publishNotReadyAddresses' });
    await api.resource(serviceKind).delete(NS, 'web');
    await waitUntil(() => !ep(), { what: 'endpoints deleted with the service' });
  });
});

describe('endpointslice controller', () => {
  it('caps slices at 100 endpoints with upstream labels, owner and conditions', async () => {
    const api = new FakeApi();
    const s = api.seed(serviceKind, svc());
    for (let i = 0; i < 250; i++) api.seed(podKind, pod(`p${String(i).padStart(3, '0')}`, `10.1.${Math.floor(i / 200)}.${(i % 200) + 1}`));
    api.seed(podKind, pod('term', '10.2.0.1', { terminating: true }));
    await run(api, [endpointSliceController()]);
    await waitUntil(() => slices(api).reduce((n, x) => n + x.endpoints.length, 0) === 251, { what: '251 endpoints' });
    expect(slices(api).map((x) => x.endpoints.length).sort((a, b) => a - b)).toEqual([51, 100, 100]);
    const one = slices(api)[0]!;
    expect(one.metadata.labels).toEqual({ tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(one.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: s.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(one.addressType).toBe('IPv4');
    expect(one.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const term = slices(api).flatMap((x) => x.endpoints).find((e) => e.targetRef?.name === 'term')!;
    expect(term.conditions).toEqual({ ready: false, serving: true, terminating: true });
    const live = slices(api).flatMap((x) => x.endpoints).find((e) => e.targetRef?.name === 'p000')!;
    expect(live).toMatchObject({ addresses: ['10.1.0.1'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1' });
  });

  it('keeps a placeholder slice when no pod matches, and moves endpoints when pods go', async () => {
    const api = new FakeApi();
    api.seed(serviceKind, svc());
    api.seed(podKind, pod('a', '10.0.0.2'));
    await run(api, [endpointSliceController()]);
    await waitUntil(() => slices(api).length === 1 && slices(api)[0]!.endpoints.length === 1);
    await api.resource(podKind).delete(NS, 'a');
    await waitUntil(() => slices(api).length === 1 && slices(api)[0]!.endpoints.length === 0, { what: 'placeholder' });
    await new Promise((r) => setTimeout(r, 50));
    expect(slices(api)).toHaveLength(1);
  });
});
