/** EventRecorder against a real server: Events are created, repeats aggregate into count. */
import { describe, expect, it } from 'vitest';
import { configMap, event as eventKind, type ConfigMap, type Event } from '../api/core/v1/index.js';
import { EventRecorder, referenceTo } from './event-recorder.js';
import { uniqueName, useTestCluster } from './testing/cluster.js';

const ns = uniqueName('ev');
const cluster = useTestCluster({ namespace: ns });

describe('EventRecorder', () => {
  it('creates an Event, then counts repeats by PATCH instead of creating new ones', async () => {
    const cm = await cluster().client.resource<ConfigMap>(configMap).create({ metadata: { name: 'subject', namespace: ns } });
    const rec = new EventRecorder(cluster().client, { component: 'test-controller', host: 'host-1' });
    rec.event(cm, { type: 'Normal', reason: 'Synced', message: 'synced ok' });
    rec.event(cm, { type: 'Normal', reason: 'Synced', message: 'synced ok' });
    rec.event(cm, { type: 'Normal', reason: 'Synced', message: 'synced ok' });
    rec.event(cm, { type: 'Warning', reason: 'Failed', message: 'it broke' });
    await rec.flush();
    const events = (await cluster().client.resource<Event>(eventKind).list(ns)).items;
    expect(events).toHaveLength(2);
    const synced = events.find((e) => e.reason === 'Synced')!;
    expect(synced).toMatchObject({
      type: 'Normal',
      message: 'synced ok',
      count: 3,
      source: { component: 'test-controller', host: 'host-1' },
      reportingComponent: 'test-controller',
      involvedObject: { kind: 'ConfigMap', namespace: ns, name: 'subject', uid: cm.metadata.uid, apiVersion: 'v1' },
    });
    expect(synced.metadata.name).toMatch(/^subject\.[0-9a-f]+$/);
    expect(synced.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(events.find((e) => e.reason === 'Failed')).toMatchObject({ type: 'Warning', count: 1 });
  });

  it('re-creates an Event that vanished, never throws, and drops on overflow', async () => {
    const logs: string[] = [];
    const rec = new EventRecorder(cluster().client, { component: 'c2', maxQueue: 2, log: (l) => logs.push(l) });
    const obj = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-x', uid: 'nx' } };
    rec.event(obj, { type: 'Normal', reason: 'Ready', message: 'ready' });
    await rec.flush();
    const events = cluster().client.resource<Event>(eventKind);
    const [first] = (await events.list('default', { fieldSelector: 'involvedObject.name=node-x' })).items;
    expect(first).toMatchObject({ count: 1, metadata: { namespace: 'default' } }); // cluster-scoped: default namespace
    await events.delete('default', first!.metadata.name!);
    rec.event(obj, { type: 'Normal', reason: 'Ready', message: 'ready' });
    await rec.flush();
    const again = (await events.list('default', { fieldSelector: 'involvedObject.name=node-x' })).items;
    expect(again).toHaveLength(1);
    expect(again[0]!.metadata.name).not.toBe(first!.metadata.name);

    for (let i = 0; i < 10; i++) rec.event(obj, { type: 'Normal', reason: `R${i}`, message: 'm' });
    expect(rec.dropped).toBeGreaterThan(0);
    rec.event({ metadata: {} } as never, { type: 'Normal', reason: 'X', message: '' });
    await rec.flush();
    expect(logs.some((l) => l.includes('without an object name'))).toBe(true);
    expect(referenceTo(obj)).toEqual({ kind: 'Node', name: 'node-x', uid: 'nx', apiVersion: 'v1' });
  });
});
