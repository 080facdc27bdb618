import { describe, expect, it } from 'vitest';
import { networkPolicy, type NetworkPolicy, type NetworkPolicySpec } from './networkpolicy.js';

function np(spec: Partial<NetworkPolicySpec>): NetworkPolicy {
  const obj: NetworkPolicy = { metadata: { name: 'deny', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: spec as NetworkPolicySpec };
  networkPolicy.defaults!(obj);
  return obj;
}
const msgs = (obj: NetworkPolicy) => networkPolicy.validate!(obj).map((e) => `${e.field}: ${e.message}`);

describe('NetworkPolicy', () => {
  it('defaults policyTypes and port protocols', () => {
    expect(np({}).spec!.policyTypes).toEqual(['Ingress']);
    const obj = np({ egress: [{ ports: [{ port: 53 }] }] });
    expect(obj.spec!.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(obj.spec!.egress![0]!.ports![0]!.protocol).toBe('TCP');
    expect(obj.spec!.podSelector).toEqual({});
  });

  it.each<[Partial<NetworkPolicySpec>, string[]]>([
    [{ ingress: [{ from: [{}] }] }, ['spec.ingress[0].from[0]: Required value: must specify a peer']],
    [
      { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] },
      ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    [
      { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24', 'x'] } }] }] },
      [
        'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
        'spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
    [
      { ingress: [{ ports: [{ port: 'http', endPort: 90 }, { port: 100, endPort: 90 }] }] },
      [
        'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
        'spec.ingress[0].ports[1].endPort: Invalid value: 100: must be greater than or equal to `port`',
      ],
    ],
    [{ policyTypes: ['Sideways' as never] }, ['spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"']],
  ])('refuses %o', (spec, want) => {
    expect(msgs(np(spec))).toEqual(want);
  });

  it('prints the pod selector', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    expect(networkPolicy.table.cells(np({}), now)).toEqual(['deny', '<none>', '0s']);
    expect(networkPolicy.table.cells(np({ podSelector: { matchLabels: { app: 'db' } } }), now)[1]).toBe('app=db');
  });
});
