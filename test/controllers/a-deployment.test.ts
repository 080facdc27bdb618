/**
 * Deployments end to end with the stock kubectl: apply and rollout status, a rolling update
 * that stays within maxSurge/maxUnavailable at every step (checked on a watch of ReplicaSets
 * and pods), rollout history and undo, scale to zero and back, rollout restart.
 */
import { describe, expect, it } from 'vitest';
import { replicaSet as replicaSetKind, type ReplicaSet } from '../../src/api/apps/v1/index.js';
import { pod as podKind, type Pod } from '../../src/api/core/v1/index.js';
import type { KubeObject } from '../../src/api/meta.js';
import { waitFor } from '../support/index.js';
import { deploymentYaml, useControllerCluster } from './a-support.js';

const cluster = useControllerCluster({ simulatedNodes: 3 });

/** Collects a watch's events into a map of the latest objects until stopped. */
function track<T extends KubeObject>(watch: AsyncIterable<{ type: string; object: T }>, onChange: (all: Map<string, T>) => void) {
  const all = new Map<string, T>();
  const done = (async () => {
    for await (const ev of watch) {
      if (ev.type === 'BOOKMARK') continue;
      if (ev.type === 'DELETED') all.delete(ev.object.metadata.name!);
      else all.set(ev.object.metadata.name!, ev.object);
      onChange(all);
    }
  })();
  return { all, done };
}

const isReady = (p: Pod) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

describe('deployment controller (end to end)', () => {
  it('rolls out, updates within maxSurge/maxUnavailable, undoes, scales and restarts', async () => {
    const c = cluster();
    const ns = await c.namespace('deploy');
    const k = (...args: string[]) => c.kubectl(['-n', ns, ...args]);
    await c.kubectl(['-n', ns, 'apply', '-f', '-'], { input: deploymentYaml('web', { replicas: 4, maxSurge: 1, maxUnavailable: 1 }) });
    const first = await k('rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(first.stdout).toContain('deployment "web" successfully rolled out');

    // --- set image: watch ReplicaSets and pods while the update runs ---
    const ac = new AbortController();
    const problems: string[] = [];
    const rsWatch = track(c.client.resource<ReplicaSet>(replicaSetKind).watch(ns, { signal: ac.signal }), (all) => {
      const spec = [...all.values()].reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
      if (spec > 5) problems.push(`replica sets want ${spec} pods > 4 + maxSurge 1`);
    });
    let sawBoth = false;
    const podWatch = track(c.client.resource<Pod>(podKind).watch(ns, { signal: ac.signal }), (all) => {
      const live = [...all.values()];
      const ready = live.filter(isReady).length;
      if (new Set(live.filter(isReady).map((p) => p.spec.containers[0]!.image)).size > 1) sawBoth = true;
      if (live.length >= 4 && ready < 3) problems.push(`${ready} ready pods < 4 - maxUnavailable 1`);
    });
    await waitFor(() => podWatch.all.size >= 4 && [...podWatch.all.values()].filter(isReady).length === 4, { description: 'watch primed' });
    await k('set', 'image', 'deployment/web', 'web=nginx:1.26');
    const second = await k('rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(second.stdout).toContain('successfully rolled out');
    ac.abort();
    await Promise.allSettled([rsWatch.done, podWatch.done]);
    expect(problems).toEqual([]);
    expect(sawBoth).toBe(true);
    const rsList = (await c.client.resource<ReplicaSet>(replicaSetKind).list(ns)).items;
    expect(rsList).toHaveLength(2);

    // --- history and undo ---
    const history = await k('rollout', 'history', 'deployment/web');
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\s*\n1\s+<none>\s*\n2\s+<none>/);
    await k('rollout', 'undo', 'deployment/web', '--to-revision=1');
    await k('rollout', 'status', 'deployment/web', '--timeout=60s');
    const after = await k('rollout', 'history', 'deployment/web');
    expect(after.stdout).toMatch(/\n2\s+<none>\s*\n3\s+<none>/);
    const image = await k('get', 'deployment/web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
    expect(image.stdout).toBe('nginx:1.25');
    expect((await c.client.resource<ReplicaSet>(replicaSetKind).list(ns)).items).toHaveLength(2);

    // --- scale to zero and back ---
    await k('scale', 'deployment/web', '--replicas=0');
    await waitFor(async () => (await c.client.resource<Pod>(podKind).list(ns)).items.length === 0, { timeoutMs: 30_000, description: 'no pods' });
    await k('rollout', 'status', 'deployment/web', '--timeout=30s');
    await k('scale', 'deployment/web', '--replicas=3');
    await k('rollout', 'status', 'deployment/web', '--timeout=60s');
    const pods = (await c.client.resource<Pod>(podKind).list(ns)).items.filter(isReady);
    expect(pods).toHaveLength(3);

    // --- restart: a new revision with the same image ---
    await k('rollout', 'restart', 'deployment/web');
    await k('rollout', 'status', 'deployment/web', '--timeout=60s');
    const revs = await k('get', 'rs', '-o', 'jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}{" "}{.spec.replicas}{"\\n"}{end}');
    expect(revs.stdout.trim().split('\n').sort()).toEqual(['2 0', '3 0', '4 3']);
    const events = await k('get', 'events', '--field-selector', 'reason=ScalingReplicaSet', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
    expect(events.stdout).toMatch(/Scaled up replica set web-\w+ to 4/);
    expect(events.stdout).toMatch(/Scaled down replica set web-\w+ to \d+ from \d+/);
  }, 240_000);
});
