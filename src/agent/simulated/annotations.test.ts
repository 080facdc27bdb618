import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/core/v1/index.js';
import { parsePodScript } from './annotations.js';

function pod(annotations: Record<string, string>, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', annotations },
    spec: { containers: [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'busybox' }], ...extra },
  };
}

describe('parsePodScript', () => {
  it('defaults to containers that run and are ready at once', () => {
    const s = parsePodScript(pod({}));
    expect(s.errors).toEqual([]);
    expect(s.plans.get('app')).toEqual({
      runForMs: undefined,
      exitCode: 0,
      crashAfterMs: undefined,
      crashExitCode: 1,
      readyAfterMs: 0,
      neverReady: false,
      startedAfterMs: 0,
    });
    expect(s).toMatchObject({ startDelayMs: 0, backoffBaseMs: 10_000, backoffMaxMs: 300_000, terminationDelayMs: 0 });
  });

  it('reads pod-wide keys and per-container overrides', () => {
    const s = parsePodScript(
      pod({
        'gantry.dev/simulate-duration': '2s',
        'gantry.dev/simulate-exit-code': '3',
        'gantry.dev/simulate-duration.side': '1m',
        'gantry.dev/simulate-not-ready.side': 'true',
        'gantry.dev/simulate-ready-after': '500ms',
        'gantry.dev/simulate-backoff-base': '1s',
        'gantry.dev/simulate-start-delay': '3s',
        'gantry.dev/simulate-termination-delay': '4s',
        'other.io/x': 'ignored',
      }),
    );
    expect(s.errors).toEqual([]);
    expect(s.plans.get('app')).toMatchObject({ runForMs: 2000, exitCode: 3, crashExitCode: 3, readyAfterMs: 500, neverReady: false });
    expect(s.plans.get('side')).toMatchObject({ runForMs: 60_000, exitCode: 3, neverReady: true });
    expect(s).toMatchObject({ startDelayMs: 3000, backoffBaseMs: 1000, backoffMaxMs: 30_000, terminationDelayMs: 4000 });
  });

  it('gives init containers the init-* keys and sidecars only their own keys', () => {
    const s = parsePodScript(
      pod(
        {
          'gantry.dev/simulate-duration': '5s',
          'gantry.dev/simulate-init-duration': '1s',
          'gantry.dev/simulate-init-exit-code': '2',
          'gantry.dev/simulate-crash-after.proxy': '7s',
        },
        { initContainers: [{ name: 'setup', image: 'busybox' }, { name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
      ),
    );
    expect(s.errors).toEqual([]);
    expect(s.plans.get('setup')).toMatchObject({ runForMs: 1000, exitCode: 2 });
    expect(s.plans.get('proxy')).toMatchObject({ runForMs: undefined, crashAfterMs: 7000, crashExitCode: 1 });
    expect(s.plans.get('app')).toMatchObject({ runForMs: 5000 });
  });

  it('takes readiness and startup delays from probes when no annotation says otherwise', () => {
    const s = parsePodScript(
      pod({}, { containers: [{ name: 'app', image: 'nginx', readinessProbe: { initialDelaySeconds: 5 }, startupProbe: { initialDelaySeconds: 2 } }] }),
    );
    expect(s.plans.get('app')).toMatchObject({ readyAfterMs: 5000, startedAfterMs: 2000 });
  });

  it('reports bad values, unknown keys and unknown containers without throwing', () => {
    const s = parsePodScript(
      pod({
        'gantry.dev/simulate-duration': 'soon',
        'gantry.dev/simulate-exit-code': '256',
        'gantry.dev/simulate-not-ready': 'yes',
        'gantry.dev/simulate-durration': '1s',
        'gantry.dev/simulate-duration.nope': '1s',
        'gantry.dev/simulate-backoff-base': '0s',
      }),
    );
    expect(s.errors).toEqual([
      'annotation gantry.dev/simulate-duration: invalid duration "soon": expected a number and a unit (ms, s, m, h)',
      'annotation gantry.dev/simulate-exit-code: invalid exit code "256": must be an integer from 0 to 255',
      'annotation gantry.dev/simulate-not-ready: invalid value "yes": must be "true" or "false"',
      'annotation gantry.dev/simulate-backoff-base: must be longer than 0s',
      expect.stringMatching(/^unknown annotation gantry.dev\/simulate-durration \(known: gantry.dev\/simulate-duration, /),
      'annotation gantry.dev/simulate-duration.nope: the pod has no container named "nope"',
    ]);
  });

  it('survives a pod without annotations or containers', () => {
    const s = parsePodScript({ metadata: {}, spec: {} as Pod['spec'] });
    expect(s.errors).toEqual([]);
    expect(s.plans.size).toBe(0);
  });
});
