import { describe, expect, it } from 'vitest';
import { type ContainerStatus, type Pod, pod } from './pod.js';
import { NOW, ago, created, problems, row, updateProblems } from './test-support.js';
import type { Container } from './container-types.js';

function mk(containers: Container[] = [{ name: 'web', image: 'nginx' }], extra: Partial<Pod['spec']> = {}): Pod {
  return { metadata: { name: 'p', namespace: 'default' }, spec: { containers, ...extra } };
}

function running(name: string, over: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: ago(600) } }, ...over };
}

describe('Pod defaults and create', () => {
  it('defaults pod-only fields and starts Pending', () => {
    const p = created(pod, mk([{ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }]));
    expect(p.spec.enableServiceLinks).toBe(true);
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it.each<[string, Container['resources'], string]>([
    ['no resources', undefined, 'BestEffort'],
    ['requests only', { requests: { cpu: '100m' } }, 'Burstable'],
    ['cpu limit only', { limits: { cpu: '1' } }, 'Burstable'],
    ['requests below limits', { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, 'Burstable'],
    ['limits = requests', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } }, 'Guaranteed'],
    ['only extended resources', { limits: { 'example.com/gpu': '1' } }, 'BestEffort'],
  ])('QoS with %s is %s', (_n, resources, qos) => {
    expect(created(pod, mk([{ name: 'a', image: 'x', resources }])).status?.qosClass).toBe(qos);
  });

  it('copies containerPort to hostPort under hostNetwork', () => {
    const p = created(pod, mk([{ name: 'a', image: 'x', ports: [{ containerPort: 8080 }] }], { hostNetwork: true }));
    expect(p.spec.containers[0]!.ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
    expect(problems(pod, p)).toEqual([]);
  });

  it('keeps podIP and podIPs in step', () => {
    const p = mk();
    p.status = { podIP: '10.0.0.5' };
    pod.defaults!(p);
    expect(p.status.podIPs).toEqual([{ ip: '10.0.0.5' }]);
  });
});

describe('Pod validation', () => {
  it('accepts a minimal pod', () => {
    expect(problems(pod, mk())).toEqual([]);
  });

  it.each<[string, Pod, string[]]>([
    ['missing image', mk([{ name: 'web' }]), ['spec.containers[0].image: Required value']],
    [
      'image with spaces',
      mk([{ name: 'web', image: ' nginx' }]),
      ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace'],
    ],
    [
      'bad deletion cost',
      { ...mk(), metadata: { name: 'p', namespace: 'd', annotations: { 'controller.kubernetes.io/pod-deletion-cost': 'x' } } },
      ['metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "x": must be a 32bit integer'],
    ],
  ])('%s', (_n, p, want) => {
    expect(problems(pod, p)).toEqual(want);
  });
});

describe('Pod update', () => {
  const base = (): Pod => created(pod, mk([{ name: 'web', image: 'nginx:1' }], { tolerations: [{ key: 'a', operator: 'Exists' }] }));

  it('allows image changes, added tolerations and a lower activeDeadlineSeconds', () => {
    const old = base();
    const p = structuredClone(old);
    p.spec.containers[0]!.image = 'nginx:2';
    p.spec.tolerations!.push({ key: 'b', operator: 'Exists' });
    p.spec.activeDeadlineSeconds = 30;
    expect(updateProblems(pod, p, old)).toEqual([]);
  });

  it('forbids other spec changes', () => {
    const old = base();
    const p = structuredClone(old);
    p.spec.containers[0]!.ports = [{ containerPort: 80, protocol: 'TCP' }];
    const errs = updateProblems(pod, p, old);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/);
  });

  it.each<[string, (p: Pod) => void, string[]]>([
    ['adding a container', (p) => p.spec.containers.push({ name: 'b', image: 'x' }), ['spec.containers: Forbidden: pod updates may not add or remove containers']],
    ['removing a toleration', (p) => (p.spec.tolerations = []), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']],
  ])('refuses %s', (_n, change, want) => {
    const old = base();
    const p = structuredClone(old);
    change(p);
    expect(updateProblems(pod, p, old)).toEqual(want);
  });

  it('refuses raising or clearing activeDeadlineSeconds', () => {
    const old = created(pod, mk([{ name: 'web', image: 'x' }], { activeDeadlineSeconds: 10 }));
    const up = structuredClone(old);
    up.spec.activeDeadlineSeconds = 20;
    expect(updateProblems(pod, up, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value']);
    const cleared = structuredClone(old);
    delete cleared.spec.activeDeadlineSeconds;
    expect(updateProblems(pod, cleared, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']);
  });
});

describe('Pod table', () => {
  const cols = pod.table.columns.map((c) => `${c.name}:${c.priority}`);

  it('has upstream columns', () => {
    expect(cols).toEqual(['Name:0', 'Ready:0', 'Status:0', 'Restarts:0', 'Age:0', 'IP:1', 'Node:1', 'Nominated Node:1', 'Readiness Gates:1']);
  });

  it('shows a pending pod', () => {
    const p = created(pod, mk());
    expect(row(pod, p)).toEqual({
      Name: 'p', Ready: '0/1', Status: 'Pending', Restarts: '0', Age: '60m', IP: '<none>', Node: '<none>', 'Nominated Node': '<none>', 'Readiness Gates': '<none>',
    });
  });

  it('shows a running pod with restarts', () => {
    const p = created(pod, mk([{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }], { nodeName: 'n1' }));
    p.status = {
      phase: 'Running',
      podIPs: [{ ip: '10.1.0.4' }],
      containerStatuses: [
        running('a', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } }),
        running('b', { ready: false }),
      ],
    };
    expect(row(pod, p)).toMatchObject({ Ready: '1/2', Status: 'Running', Restarts: '2 (5m ago)', IP: '10.1.0.4', Node: 'n1' });
  });

  it.each<[string, ContainerStatus['state'], string]>([
    ['waiting ContainerCreating', { waiting: { reason: 'ContainerCreating' } }, 'ContainerCreating'],
    ['crash loop', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } }, 'CrashLoopBackOff'],
    ['completed', { terminated: { exitCode: 0, reason: 'Completed' } }, 'Completed'],
    ['error', { terminated: { exitCode: 1, reason: 'Error' } }, 'Error'],
    ['signal without reason', { terminated: { exitCode: 137, signal: 9 } }, 'Signal:9'],
    ['exit code without reason', { terminated: { exitCode: 2 } }, 'ExitCode:2'],
  ])('status for %s', (_n, state, want) => {
    const p = created(pod, mk());
    p.status = { phase: 'Running', containerStatuses: [running('web', { ready: false, state })] };
    expect(row(pod, p).Status).toBe(want);
  });

  it('shows init progress and init failures', () => {
    const p = created(pod, mk([{ name: 'web', image: 'x' }], { initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }] }));
    p.status = {
      phase: 'Pending',
      initContainerStatuses: [
        running('i1', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
        running('i2', { ready: false, state: { running: {} } }),
      ],
      containerStatuses: [running('web', { ready: false, state: { waiting: { reason: 'PodInitializing' } } })],
    };
    expect(row(pod, p).Status).toBe('Init:1/2');
    p.status.initContainerStatuses![1]!.state = { waiting: { reason: 'CrashLoopBackOff' } };
    expect(row(pod, p).Status).toBe('Init:CrashLoopBackOff');
    p.status.initContainerStatuses![1]!.state = { terminated: { exitCode: 3, reason: 'Error' } };
    expect(row(pod, p).Status).toBe('Init:Error');
  });

  it('counts started sidecars as containers', () => {
    const p = created(pod, mk([{ name: 'web', image: 'x' }], { initContainers: [{ name: 'side', image: 'x', restartPolicy: 'Always' }] }));
    p.status = {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [running('side', { started: true })],
      containerStatuses: [running('web')],
    };
    expect(row(pod, p)).toMatchObject({ Ready: '2/2', Status: 'Running' });
  });

  it('shows Terminating, SchedulingGated and readiness gates', () => {
    const p = created(pod, mk([{ name: 'web', image: 'x' }], { readinessGates: [{ conditionType: 'example.com/lb' }] }));
    p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }, { type: 'example.com/lb', status: 'True' }] };
    expect(row(pod, p)).toMatchObject({ Status: 'SchedulingGated', 'Readiness Gates': '1/1' });
    p.metadata.deletionTimestamp = NOW.toISOString();
    expect(row(pod, p).Status).toBe('Terminating');
    p.status = { phase: 'Succeeded' };
    expect(row(pod, p).Status).toBe('Succeeded');
  });

  it('shows Running instead of Completed while another container runs', () => {
    const p = created(pod, mk([{ name: 'a', image: 'x' }, { name: 'b', image: 'x' }]));
    p.status = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [running('a', { ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }), running('b')],
    };
    expect(row(pod, p).Status).toBe('NotReady');
  });
});

describe('Pod kind', () => {
  it('declares names, subresources and field selectors', () => {
    expect(pod.shortNames).toEqual(['po']);
    expect(pod.categories).toEqual(['all']);
    expect(pod.extraSubresources!.map((s) => s.name)).toEqual(
      expect.arrayContaining(['binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'ephemeralcontainers']),
    );
    const p = created(pod, mk([{ name: 'a', image: 'x' }], { nodeName: 'n1' }));
    const sel = pod.fieldSelectors!;
    expect([sel['spec.nodeName']!(p), sel['status.phase']!(p), sel['spec.hostNetwork']!(p), sel['spec.restartPolicy']!(p)]).toEqual([
      'n1',
      'Pending',
      'false',
      'Always',
    ]);
  });
});
