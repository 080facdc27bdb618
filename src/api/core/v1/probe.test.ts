import { describe, expect, it } from 'vitest';
import { defaultProbe, validateLifecycle, validateProbe, type Probe } from './probe.js';
import { show } from './test-support.js';

describe('probes and lifecycle hooks', () => {
  it('defaults timings and HTTP details', () => {
    const p: Probe = { httpGet: { port: 'http' } };
    defaultProbe(p);
    expect(p).toEqual({ httpGet: { port: 'http', path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  });

  it.each<[string, Probe, 'liveness' | 'readiness' | 'startup', string[]]>([
    ['two handlers', { exec: { command: ['true'] }, tcpSocket: { port: 80 } }, 'readiness', ['p.tcpSocket: Forbidden: may not specify more than 1 handler type']],
    ['empty exec', { exec: {} }, 'readiness', ['p.exec.command: Required value']],
    ['bad port name', { tcpSocket: { port: 'HTTP' } }, 'readiness', [
      'p.tcpSocket.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'p.tcpSocket.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]],
    ['negative period', { exec: { command: ['x'] }, periodSeconds: -1 }, 'readiness', ['p.periodSeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['grace on readiness', { exec: { command: ['x'] }, terminationGracePeriodSeconds: 5 }, 'readiness', ['p.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes']],
    ['startup threshold', { exec: { command: ['x'] }, successThreshold: 3 }, 'startup', ['p.successThreshold: Invalid value: 3: must be 1']],
    [
      'bad header',
      { httpGet: { port: 80, httpHeaders: [{ name: 'X Bad', value: '1' }] } },
      'liveness',
      ["p.httpGet.httpHeaders: Invalid value: \"X Bad\": a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"],
    ],
  ])('%s', (_n, probe, kind, want) => {
    expect(show(validateProbe(probe, 'p', kind))).toEqual(want);
  });

  it('limits sleep hooks to the grace period', () => {
    expect(show(validateLifecycle({ preStop: { sleep: { seconds: 60 } } }, 'l', { gracePeriod: 30 }))).toEqual([
      'l.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)',
    ]);
    expect(show(validateLifecycle({ postStart: {} }, 'l'))).toEqual(['l.postStart: Required value: must specify a handler type']);
  });
});
