import { describe, expect, it } from 'vitest';
import type { ContainerPort } from '../../../api/core/v1/index.js';
import { nodeInfo, podInfo } from '../../testing/builders.js';
import { newState } from '../../testing/fake-handle.js';
import { ERR_REASON_PORTS, NodePorts } from './node-ports.js';

function withPorts(name: string, ports: Partial<ContainerPort>[]) {
  return podInfo(name, { spec: { containers: [{ name: 'c', ports: ports.map((p) => ({ containerPort: 80, ...p })) }] } });
}

describe('NodePorts', () => {
  const cases: { name: string; existing: Partial<ContainerPort>[]; wanted: Partial<ContainerPort>[]; fits: boolean }[] = [
    { name: 'no host ports', existing: [{ hostPort: 8080 }], wanted: [{}], fits: true },
    { name: 'free port', existing: [{ hostPort: 8080 }], wanted: [{ hostPort: 8081 }], fits: true },
    { name: 'same port and protocol', existing: [{ hostPort: 8080 }], wanted: [{ hostPort: 8080 }], fits: false },
    { name: 'same port, other protocol', existing: [{ hostPort: 8080, protocol: 'UDP' }], wanted: [{ hostPort: 8080 }], fits: true },
    { name: 'same port, different IPs', existing: [{ hostPort: 8080, hostIP: '10.0.0.1' }], wanted: [{ hostPort: 8080, hostIP: '10.0.0.2' }], fits: true },
    { name: 'wildcard IP conflicts with a specific one', existing: [{ hostPort: 8080, hostIP: '10.0.0.1' }], wanted: [{ hostPort: 8080 }], fits: false },
    { name: 'specific IP conflicts with the wildcard', existing: [{ hostPort: 8080 }], wanted: [{ hostPort: 8080, hostIP: '10.0.0.2' }], fits: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pl = new NodePorts();
      const pod = withPorts('new', c.wanted);
      const state = newState();
      const pre = pl.preFilter(state, pod);
      if (pre?.code === 'Skip') return expect(c.fits).toBe(true);
      const s = pl.filter(state, pod, nodeInfo('n', [withPorts('old', c.existing)]));
      expect(s === undefined).toBe(c.fits);
      if (!c.fits) expect(s?.reasons).toEqual([ERR_REASON_PORTS]);
    });
  }

  it('frees the port when the pod is removed', () => {
    const old = withPorts('old', [{ hostPort: 9000 }]);
    const n = nodeInfo('n', [old]);
    n.removePod(old.key);
    expect(new NodePorts().filter(newState(), withPorts('new', [{ hostPort: 9000 }]), n)).toBeUndefined();
  });
});
