import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../../api/core/v1/index.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests } from './resource.js';

const c = (name: string, requests?: Record<string, string>, restartPolicy?: 'Always') => ({ name, resources: requests ? { requests } : undefined, restartPolicy });

describe('podRequests', () => {
  const cases: { name: string; spec: PodSpec; cpu: number; memory: number; gpu?: number }[] = [
    { name: 'sums app containers', spec: { containers: [c('a', { cpu: '100m', memory: '1Mi' }), c('b', { cpu: '1', memory: '1Mi' })] }, cpu: 1100, memory: 2 * 1024 * 1024 },
    {
      name: 'a large init container sets the floor',
      spec: { containers: [c('a', { cpu: '100m' })], initContainers: [c('i', { cpu: '2' })] },
      cpu: 2000,
      memory: 0,
    },
    {
      name: 'sidecars add to the app containers and to later init steps',
      spec: { containers: [c('a', { cpu: '100m' })], initContainers: [c('s', { cpu: '200m' }, 'Always'), c('i', { cpu: '250m' })] },
      cpu: 450,
      memory: 0,
    },
    { name: 'overhead is added', spec: { containers: [c('a', { cpu: '100m' })], overhead: { cpu: '50m', memory: '10Mi' } }, cpu: 150, memory: 10 * 1024 * 1024 },
    { name: 'extended resources', spec: { containers: [c('a', { 'nvidia.com/gpu': '2' }), c('b', { 'nvidia.com/gpu': '1' })] }, cpu: 0, memory: 0, gpu: 3 },
    {
      name: 'pod-level requests override cpu and memory',
      spec: { containers: [c('a', { cpu: '100m', memory: '1Mi' })], resources: { requests: { cpu: '1', memory: '2Mi' } } },
      cpu: 1000,
      memory: 2 * 1024 * 1024,
    },
  ];
  for (const t of cases) {
    it(t.name, () => {
      const r = podRequests(t.spec);
      expect(r.milliCPU).toBe(t.cpu);
      expect(r.memory).toBe(t.memory);
      if (t.gpu !== undefined) expect(r.getScalar('nvidia.com/gpu')).toBe(t.gpu);
    });
  }

  it('non-zero requests default missing cpu/memory per container', () => {
    const r = podRequests({ containers: [c('a'), c('b', { cpu: '300m' })] }, { nonMissing: true });
    expect(r.milliCPU).toBe(DEFAULT_MILLI_CPU_REQUEST + 300);
    expect(r.memory).toBe(2 * DEFAULT_MEMORY_REQUEST);
  });

  it('counts a malformed quantity as zero instead of throwing', () => {
    expect(podRequests({ containers: [c('a', { cpu: 'lots' })] }).milliCPU).toBe(0);
  });
});
