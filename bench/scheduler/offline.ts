/**
 * The scheduler's own speed, without the API server: the same loop, queue, cache and plugins
 * (OfflineScheduler), with bindings landing in memory.
 */
import type { Pod } from '../../src/api/core/v1/index.js';
import { OfflineScheduler } from '../../src/scheduler/index.js';
import { benchNode } from './load.js';
import type { Shape } from './shapes.js';

export interface OfflineResult {
  podsPerSecond: number;
  /** Scheduling CPU per pod, ms. */
  cpuMsPerPod: number;
}

export async function runOffline(shape: Shape): Promise<OfflineResult> {
  const s = new OfflineScheduler({ recordEvents: false });
  // Objects go through JSON as they would from an informer (shapes V8 sees as in production).
  const viaJson = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;
  for (let i = 0; i < shape.nodes; i++) s.addNode(viaJson(benchNode(i)));
  const withNs = (p: Pod): Pod => viaJson({ ...p, metadata: { ...p.metadata, namespace: 'bench' } });
  if (shape.priorityClasses?.length) {
    // No PriorityClass informer offline: give measured pods their class's value directly.
    const value = shape.priorityClasses[0]!.value;
    const tmpl = shape.measureTemplate;
    shape = { ...shape, measureTemplate: (i) => ({ ...tmpl(i), spec: { ...tmpl(i).spec, priority: value } }) };
  }
  for (let i = 0; i < shape.initPods; i++) s.addPod(withNs(shape.initTemplate(i)));
  await s.runUntilIdle();
  for (let i = 0; i < shape.measurePods; i++) s.addPod(withNs(shape.measureTemplate(i)));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const before = s.scheduler.metrics.scheduled;
  await s.runUntilIdle();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const n = s.scheduler.metrics.scheduled - before;
  return { podsPerSecond: n / seconds, cpuMsPerPod: (cpu.user + cpu.system) / 1000 / Math.max(1, n) };
}
