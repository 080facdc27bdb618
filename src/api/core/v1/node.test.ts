import { describe, expect, it } from 'vitest';
import { type Node, node } from './node.js';
import { created, problems, row, updateProblems } from './test-support.js';

function mk(extra: Partial<Node> = {}): Node {
  return { metadata: { name: 'n1' }, ...extra };
}

describe('Node', () => {
  it('defaults allocatable to capacity and normalises quantities', () => {
    const n = created(node, mk({ status: { capacity: { cpu: '4', memory: '8192Mi', pods: '110' } } }));
    expect(n.status!.allocatable).toEqual({ cpu: '4', memory: '8Gi', pods: '110' });
  });

  it('validates taints and pod CIDRs', () => {
    expect(
      problems(node, mk({ spec: { taints: [{ key: 'k', effect: 'Sometimes' as never }], podCIDRs: ['10.244.0.0/33'] } })),
    ).toEqual([
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.podCIDRs[0]: Invalid value: "10.244.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(problems(node, mk({ spec: { podCIDRs: ['10.244.0.0/24', 'fd00::/64'] } }))).toEqual([]);
  });

  it('forbids changing podCIDRs once set', () => {
    const old = created(node, mk({ spec: { podCIDR: '10.244.1.0/24' } }));
    const n = structuredClone(old);
    n.spec!.podCIDR = '10.244.2.0/24';
    n.spec!.podCIDRs = ['10.244.2.0/24'];
    expect(updateProblems(node, n, old)).toEqual(['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  });

  it('has upstream columns', () => {
    expect(node.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0', 'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1',
    ]);
  });

  it('prints a ready control-plane node', () => {
    const n = created(
      node,
      mk({
        metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } },
        status: {
          conditions: [{ type: 'Ready', status: 'True' }],
          addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'n1' }],
          nodeInfo: {
            machineID: '', systemUUID: '', bootID: '', kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
            containerRuntimeVersion: 'gantry://0.1.0', kubeletVersion: 'v1.32.0', operatingSystem: 'linux', architecture: 'amd64',
          },
        },
      }),
    );
    expect(row(node, n)).toEqual({
      Name: 'n1', Status: 'Ready', Roles: 'control-plane,master', Age: '60m', Version: 'v1.32.0', 'Internal-IP': '192.168.1.10',
      'External-IP': '<none>', 'OS-Image': 'Debian GNU/Linux 12 (bookworm)', 'Kernel-Version': '6.1.0', 'Container-Runtime': 'gantry://0.1.0',
    });
  });

  it.each<[string, Partial<Node>, string]>([
    ['not ready', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'NotReady'],
    ['unknown (no Ready condition)', {}, 'Unknown'],
    ['cordoned', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'Ready,SchedulingDisabled'],
  ])('status when %s', (_n, extra, want) => {
    expect(row(node, created(node, mk(extra))).Status).toBe(want);
  });

  it('prints <none> roles and <unknown> node info', () => {
    expect(row(node, created(node, mk()))).toMatchObject({ Roles: '<none>', Version: '', 'OS-Image': '<unknown>' });
  });

  it('is cluster-scoped with the spec.unschedulable field selector', () => {
    expect([node.namespaced, node.shortNames, node.statusSubresource]).toEqual([false, ['no'], true]);
    expect(node.fieldSelectors!['spec.unschedulable']!(mk({ spec: { unschedulable: true } }))).toBe('true');
  });
});
