import { describe, it, expect } from 'vitest';
import type { ContainerStatus, PodCondition, PodSpec } from '../../api/core/v1/index.js';
import { kubeletConditions, stampConditions } from './conditions.js';

const st = (name: string, ready: boolean, state: ContainerStatus['state'] = { running: { startedAt: 't' } }, started = true): ContainerStatus => ({
  name,
  state,
  ready,
  restartCount: 0,
  image: 'i',
  imageID: '',
  started,
});

const spec: PodSpec = { initContainers: [{ name: 'init' }], containers: [{ name: 'a' }, { name: 'b' }] };

function summary(conds: PodCondition[]): string[] {
  return conds.map((c) => `${c.type}=${c.status}${c.reason ? `/${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`);
}

describe('kubeletConditions', () => {
  it('reports everything ready for a running pod', () => {
    const conds = kubeletConditions(spec, {
      statuses: [st('init', true, { terminated: { exitCode: 0 } }), st('a', true), st('b', true)],
      phase: 'Running',
      sandboxReady: true,
      existing: [],
    });
    expect(summary(conds)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  });

  it('words unready and uninitialised containers as upstream', () => {
    const conds = kubeletConditions(spec, {
      statuses: [st('init', false), st('a', false, { waiting: { reason: 'PodInitializing' } }), st('b', false, { waiting: { reason: 'PodInitializing' } })],
      phase: 'Pending',
      sandboxReady: true,
      existing: [],
    });
    expect(summary(conds)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=False/ContainersNotInitialized: containers with incomplete status: [init]',
      'Ready=False/ContainersNotReady: containers with unready status: [a b]',
      'ContainersReady=False/ContainersNotReady: containers with unready status: [a b]',
      'PodScheduled=True',
    ]);
    const none = kubeletConditions(spec, { statuses: [], phase: 'Pending', sandboxReady: false, existing: [] });
    expect(summary(none).slice(0, 3)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=False/ContainersNotInitialized: containers with unknown status: [init]',
      'Ready=False/ContainersNotReady: containers with unknown status: [a b]',
    ]);
  });

  it('uses PodCompleted and PodFailed for terminal pods', () => {
    const done = [st('init', true, { terminated: { exitCode: 0 } }), st('a', false, { terminated: { exitCode: 0 } }), st('b', false, { terminated: { exitCode: 0 } })];
    expect(summary(kubeletConditions(spec, { statuses: done, phase: 'Succeeded', sandboxReady: false, existing: [] })).slice(1, 4)).toEqual([
      'Initialized=True/PodCompleted',
      'Ready=False/PodCompleted',
      'ContainersReady=False/PodCompleted',
    ]);
    expect(summary(kubeletConditions(spec, { statuses: done, phase: 'Failed', sandboxReady: false, existing: [] })).slice(2, 4)).toEqual([
      'Ready=False/PodFailed',
      'ContainersReady=False/PodFailed',
    ]);
  });

  it('holds Ready back for readiness gates', () => {
    const gated: PodSpec = { containers: [{ name: 'a' }], readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] };
    const conds = kubeletConditions(gated, {
      statuses: [st('a', true)],
      phase: 'Running',
      sandboxReady: true,
      existing: [{ type: 'example.com/lb', status: 'False' }],
    });
    expect(summary(conds)[2]).toBe(
      'Ready=False/ReadinessGatesNotReady: the status of pod readiness gate "example.com/lb" is not "True", but False, corresponding condition of pod readiness gate "example.com/dns" does not exist.',
    );
  });

  it('counts sidecars in readiness and initialisation', () => {
    const side: PodSpec = { initContainers: [{ name: 's', restartPolicy: 'Always' }], containers: [{ name: 'a' }] };
    const conds = kubeletConditions(side, {
      statuses: [st('s', false, undefined, false), st('a', false, { waiting: { reason: 'PodInitializing' } })],
      phase: 'Pending',
      sandboxReady: true,
      existing: [],
    });
    expect(summary(conds).slice(1, 3)).toEqual([
      'Initialized=False/ContainersNotInitialized: containers with incomplete status: [s]',
      'Ready=False/ContainersNotReady: containers with unready status: [s a]',
    ]);
  });
});

describe('stampConditions', () => {
  it('keeps the transition time of an unchanged condition and stamps changed ones', () => {
    const prev: PodCondition[] = [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
      { type: 'Ready', status: 'False', lastTransitionTime: '2024-01-01T00:00:00Z' },
    ];
    const out = stampConditions([{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True', reason: 'R' }], prev, '2024-01-01T00:00:09Z');
    expect(out).toEqual([
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:00Z' },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:09Z' },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:09Z', reason: 'R' },
    ]);
  });
});
