import { describe, expect, it } from 'vitest';
import { endpointSlice, type EndpointSlice } from './endpointslice.js';

function eps(extra: Partial<EndpointSlice> = {}): EndpointSlice {
  const obj: EndpointSlice = {
    metadata: { name: 'web-abc12', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true }, nodeName: 'node-1' }],
    ports: [{ name: 'http', port: 80 }],
    ...extra,
  };
  endpointSlice.defaults!(obj);
  return obj;
}
const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);

describe('EndpointSlice', () => {
  it('defaults port protocol and name', () => {
    const obj = eps({ ports: [{ port: 53 }] });
    expect(obj.ports).toEqual([{ port: 53, name: '', protocol: 'TCP' }]);
    expect(endpointSlice.validate!(eps())).toEqual([]);
  });

  it.each<[Partial<EndpointSlice>, string[]]>([
    [{ addressType: '' as never }, ['addressType: Required value']],
    [{ addressType: 'IPv5' as never }, ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']],
    [{ endpoints: [{ addresses: [] }] }, ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    [
      { endpoints: [{ addresses: ['fe80::1', '127.0.0.1'] }] },
      [
        'endpoints[0].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address',
        'endpoints[0].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      ],
    ],
    [{ addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] }, ['endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots']],
    [{ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }, ['ports[1].name: Duplicate value: "http"']],
    [{ endpoints: Array.from({ length: 1001 }, () => ({ addresses: ['10.0.0.1'] })) }, ['endpoints: Too many: 1001: must have at most 1000 items']],
  ])('refuses %#', (extra, want) => {
    expect(msgs(endpointSlice.validate!(eps(extra)))).toEqual(want);
  });

  it('keeps addressType immutable', () => {
    const next = eps({ addressType: 'IPv6', endpoints: [{ addresses: ['fd00::5'] }] });
    expect(msgs(endpointSlice.validateUpdate!(next, eps()))).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });

  it('prints ports and endpoints', () => {
    const obj = eps({
      ports: [{ port: 80 }, { name: 'metrics' }, {}, { port: 9000 }],
      endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4', '10.0.0.5'] }],
    });
    expect(endpointSlice.table.cells(obj, new Date('2024-01-01T00:00:10Z'))).toEqual([
      'web-abc12',
      'IPv4',
      '80,metrics, + 1 more...',
      '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...',
      '10s',
    ]);
    expect(endpointSlice.table.cells(eps({ ports: [], endpoints: [] }), new Date()).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});
