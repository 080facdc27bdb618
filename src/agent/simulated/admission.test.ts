import { describe, it, expect } from 'vitest';
import type { Pod, PodSpec } from '../../api/core/v1/index.js';
import { admitPod, podRequests } from './admission.js';

const pod = (spec: Partial<PodSpec>): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], ...spec } as PodSpec });
const req = (cpu?: string, memory?: string, extra: Record<string, string> = {}) => ({
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}), ...extra } },
});
const allocatable = { cpu: '8', memory: '32Gi', pods: '3', 'ephemeral-storage': '100Gi' };

describe('podRequests', () => {
  it('takes the larger of the containers and the init steps, counting sidecars and overhead', () => {
    const spec: PodSpec = {
      initContainers: [
        { name: 'big-init', ...req('4') },
        { name: 'side', restartPolicy: 'Always', ...req('500m') },
        { name: 'late-init', ...req('3') },
      ],
      containers: [{ name: 'a', ...req('1', '1Gi') }, { name: 'b', ...req('250m') }],
      overhead: { cpu: '100m' },
    };
    const r = podRequests(spec);
    // regular 1.25 + sidecar 0.5 = 1.75; init steps: 4, then 3 + 0.5 = 3.5 → max 4; + 0.1 overhead.
    expect(r.get('cpu')).toBe(4_100_000_000n);
    expect(r.get('memory')).toBe(1024n ** 3n * 1_000_000_000n);
  });
});

describe('admitPod', () => {
  it('admits a pod that fits', () => {
    expect(admitPod(pod({ containers: [{ name: 'a', ...req('2', '1Gi') }] }), { allocatable, active: [pod({ containers: [{ name: 'a', ...req('6') }] })] })).toBeUndefined();
  });

  it('rejects as the kubelet words it: cpu in millicores, memory in bytes', () => {
    const active = [pod({ containers: [{ name: 'a', ...req('6', '30Gi') }] })];
    expect(admitPod(pod({ containers: [{ name: 'a', ...req('3') }] }), { allocatable, active })).toEqual({
      reason: 'OutOfcpu',
      message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 6000, capacity: 8000",
    });
    expect(admitPod(pod({ containers: [{ name: 'a', ...req('1', '4Gi') }] }), { allocatable, active })).toEqual({
      reason: 'OutOfmemory',
      message: "Pod was rejected: Node didn't have enough resource: memory, requested: 4294967296, used: 32212254720, capacity: 34359738368",
    });
  });

  it('counts pods and extended resources', () => {
    const p = pod({ containers: [{ name: 'a' }] });
    expect(admitPod(p, { allocatable, active: [p, p, p] })).toMatchObject({ reason: 'OutOfpods', message: expect.stringContaining('pods, requested: 1, used: 3, capacity: 3') });
    const gpu = pod({ containers: [{ name: 'a', ...req(undefined, undefined, { 'nvidia.com/gpu': '1' }) }] });
    expect(admitPod(gpu, { allocatable, active: [] })).toEqual({
      reason: 'OutOfnvidia.com/gpu',
      message: "Pod was rejected: Node didn't have enough resource: nvidia.com/gpu, requested: 1, used: 0, capacity: 0",
    });
    expect(admitPod(gpu, { allocatable: { ...allocatable, 'nvidia.com/gpu': '2' }, active: [gpu] })).toBeUndefined();
  });
});
