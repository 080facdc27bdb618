import { describe, expect, it } from 'vitest';
import { type Endpoints, endpoints } from './endpoints.js';
import { created, problems, row } from './test-support.js';

function ep(subsets: Endpoints['subsets']): Endpoints {
  return { metadata: { name: 'web', namespace: 'default' }, subsets };
}

describe('Endpoints', () => {
  it('defaults port protocols and validates addresses and ports', () => {
    const e = created(endpoints, ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]));
    expect(e.subsets![0]!.ports![0]!.protocol).toBe('TCP');
    expect(problems(endpoints, e)).toEqual([]);
    expect(problems(endpoints, ep([{ addresses: [{ ip: 'x' }], ports: [{ port: 80 }, { port: 81 }] }]))).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].ports[0].name: Required value',
      'subsets[0].ports[1].name: Required value',
    ]);
  });

  it.each<[Endpoints['subsets'], string]>([
    [undefined, '<none>'],
    [[{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80'],
    [[{ addresses: [{ ip: '10.0.0.1' }] }], '10.0.0.1'],
    [[{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }], '[fd00::1]:80'],
    [
      [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80, name: 'a' }, { port: 443, name: 'b' }] }],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    ],
  ])('prints %j as %s', (subsets, want) => {
    expect(row(endpoints, created(endpoints, ep(subsets))).Endpoints).toBe(want);
  });
});
