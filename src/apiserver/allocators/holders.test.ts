import { describe, expect, it } from 'vitest';
import { clusterIPHolderOf, nodePortHolderOf } from './holders.js';

const meta = { namespace: 'default', name: 'web', uid: 'u1' };

describe('Service holders', () => {
  it('reads clusterIPs, falling back to clusterIP', () => {
    expect(clusterIPHolderOf({ metadata: meta, spec: { clusterIP: '10.43.0.5', clusterIPs: ['10.43.0.5', 'fd00::5'] } }))
      .toEqual({ ...meta, ips: ['10.43.0.5', 'fd00::5'] });
    expect(clusterIPHolderOf({ metadata: meta, spec: { clusterIP: '10.43.0.6' } })).toEqual({ ...meta, ips: ['10.43.0.6'] });
    expect(clusterIPHolderOf({ metadata: meta })).toEqual({ ...meta, ips: [] });
  });

  it('reads node ports and the health check node port', () => {
    const svc = { metadata: meta, spec: { ports: [{ nodePort: 30080 }, {}], healthCheckNodePort: 31000 } };
    expect(nodePortHolderOf(svc)).toEqual({ ...meta, ports: [30080, 0, 31000] });
  });

  it('skips objects without a uid', () => {
    expect(clusterIPHolderOf({ metadata: { name: 'x' } })).toBeNull();
    expect(nodePortHolderOf({})).toBeNull();
    expect(nodePortHolderOf(null as never)).toBeNull();
  });
});
