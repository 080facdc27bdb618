import { describe, it, expect } from 'vitest';
import type { ContainerStatus, PodSpec } from '../../api/core/v1/index.js';
import { computePodPhase } from './phase.js';

const running = (name: string, started = true): ContainerStatus => ({ name, state: { running: { startedAt: 't' } }, ready: true, restartCount: 0, image: 'i', imageID: '', started });
const exited = (name: string, exitCode: number): ContainerStatus => ({ name, state: { terminated: { exitCode } }, ready: false, restartCount: 0, image: 'i', imageID: '' });
const waiting = (name: string, lastExit?: number): ContainerStatus => ({
  name,
  state: { waiting: { reason: 'X' } },
  lastState: lastExit === undefined ? {} : { terminated: { exitCode: lastExit } },
  ready: false,
  restartCount: lastExit === undefined ? 0 : 1,
  image: 'i',
  imageID: '',
});

const spec = (restartPolicy: PodSpec['restartPolicy'], opts: { init?: string[]; sidecars?: string[] } = {}): PodSpec => ({
  restartPolicy,
  initContainers: [...(opts.init ?? []).map((name) => ({ name })), ...(opts.sidecars ?? []).map((name) => ({ name, restartPolicy: 'Always' as const }))],
  containers: [{ name: 'a' }, { name: 'b' }],
});

describe('computePodPhase', () => {
  it.each([
    ['no statuses yet', spec('Always'), [], false, 'Pending'],
    ['one still waiting', spec('Always'), [running('a'), waiting('b')], false, 'Pending'],
    ['all running', spec('Always'), [running('a'), running('b')], false, 'Running'],
    ['one exited, one running', spec('Never'), [exited('a', 1), running('b')], false, 'Running'],
    ['all exited 0, Never', spec('Never'), [exited('a', 0), exited('b', 0)], false, 'Succeeded'],
    ['all exited 0, OnFailure', spec('OnFailure'), [exited('a', 0), exited('b', 0)], false, 'Succeeded'],
    ['all exited 0, Always restarts', spec('Always'), [exited('a', 0), exited('b', 0)], false, 'Running'],
    ['one failed, Never', spec('Never'), [exited('a', 0), exited('b', 2)], false, 'Failed'],
    ['one failed, OnFailure restarts', spec('OnFailure'), [exited('a', 0), exited('b', 2)], false, 'Running'],
    ['crash loop counts as stopped', spec('Always'), [waiting('a', 1), waiting('b', 1)], false, 'Running'],
    ['terminal, all exited 0', spec('Always'), [exited('a', 0), exited('b', 0)], true, 'Succeeded'],
    ['terminal, one failed', spec('Always'), [exited('a', 0), exited('b', 137)], true, 'Failed'],
    ['init running', spec('Always', { init: ['i'] }), [running('i'), waiting('a'), waiting('b')], false, 'Pending'],
    ['init failed, Never', spec('Never', { init: ['i'] }), [exited('i', 1), waiting('a'), waiting('b')], false, 'Failed'],
    ['init failed and backing off, Never', spec('Never', { init: ['i'] }), [waiting('i', 1)], false, 'Failed'],
    ['init failed, Always retries', spec('Always', { init: ['i'] }), [waiting('i', 1), waiting('a'), waiting('b')], false, 'Pending'],
    ['init done, app running', spec('Always', { init: ['i'] }), [exited('i', 0), running('a'), running('b')], false, 'Running'],
    ['sidecar not started yet', spec('Always', { sidecars: ['s'] }), [running('s', false)], false, 'Pending'],
    ['sidecar restarting after app started', spec('Always', { sidecars: ['s'] }), [running('s', false), running('a'), running('b')], false, 'Running'],
    ['stopped sidecar ignored when done', spec('Never', { sidecars: ['s'] }), [exited('s', 137), exited('a', 0), exited('b', 0)], true, 'Succeeded'],
  ] as const)('%s → %s', (_name, s, statuses, terminal, phase) => {
    expect(computePodPhase(s as PodSpec, statuses as unknown as ContainerStatus[], { terminal })).toBe(phase);
  });
});
