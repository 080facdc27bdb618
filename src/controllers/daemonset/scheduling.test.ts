import { describe, expect, it } from 'vitest';
import type { DaemonSet } from '../../api/apps/v1/index.js';
import type { Node, PodSpec, Taint } from '../../api/core/v1/index.js';
import { nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './daemon-pods.js';
import { addDaemonPodTolerations, findUntoleratedTaint, requiredAffinityMatches, toleratesTaint } from './scheduling.js';

const node = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node => ({
  metadata: { name, labels },
  spec: { taints },
});

function ds(spec: Partial<PodSpec> = {}): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } } },
  };
}

describe('taints and tolerations', () => {
  it('matches as upstream ToleratesTaint', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' as const };
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', value: 'w' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, taint)).toBe(true);
    expect(findUntoleratedTaint([taint], [], (t) => t.effect === 'NoExecute')).toBeUndefined();
  });

  it('adds the daemon tolerations, replacing a matching one', () => {
    const spec: PodSpec = { containers: [], hostNetwork: true, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] };
    addDaemonPodTolerations(spec);
    expect(spec.tolerations).toHaveLength(7);
    expect(spec.tolerations![0]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    expect(spec.tolerations!.map((t) => t.key)).toContain('node.kubernetes.io/network-unavailable');
  });
});

describe('node affinity', () => {
  it('honours nodeSelector, expressions (Gt/Lt) and metadata.name fields', () => {
    const n = node('n1', { zone: 'a', cores: '8' });
    expect(requiredAffinityMatches({ containers: [], nodeSelector: { zone: 'a' } }, n)).toBe(true);
    expect(requiredAffinityMatches({ containers: [], nodeSelector: { zone: 'b' } }, n)).toBe(false);
    const terms = (t: object[]) => ({ containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } } } }) as PodSpec;
    expect(requiredAffinityMatches(terms([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }]), n)).toBe(true);
    expect(requiredAffinityMatches(terms([{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }]), n)).toBe(false);
    expect(requiredAffinityMatches(terms([{}, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]), n)).toBe(true);
    expect(requiredAffinityMatches(terms([{ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }]), n)).toBe(true);
  });

  it('pins a pod to its node and reads the pin back', () => {
    const a = pinToNode({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } } }, 'n7');
    expect(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n7'] }] }]);
    expect(targetNodeName({ metadata: {}, spec: { containers: [], affinity: a } })).toBe('n7');
    expect(targetNodeName({ metadata: {}, spec: { containers: [], nodeName: 'n2', affinity: a } })).toBe('n2');
  });
});

describe('nodeShouldRunDaemonPod', () => {
  it('runs on plain, cordoned and not-ready nodes, not on tainted or unselected ones', () => {
    expect(nodeShouldRunDaemonPod(node('a'), ds())).toEqual({ shouldRun: true, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), ds()).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), ds()).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]), ds())).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('a', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]), ds())).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('a'), ds({ nodeSelector: { role: 'edge' } }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('a'), ds({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] })).shouldRun).toBe(true);
  });
});
