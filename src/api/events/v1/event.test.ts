import { describe, expect, it } from 'vitest';
import { eventsV1Event, type Event } from './event.js';
import { eventFromCore, eventToCore } from './event-conversion.js';

function ev(extra: Partial<Event> = {}): Event {
  return {
    metadata: { name: 'web-1.17a', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' },
    eventTime: '2024-01-01T00:00:00.123456Z',
    reportingController: 'kubernetes.io/kubelet',
    reportingInstance: 'node-1',
    action: 'Pulling',
    reason: 'Pulling',
    regarding: { kind: 'Pod', namespace: 'default', name: 'web-1', fieldPath: 'spec.containers{web}' },
    note: 'Pulling image "nginx"',
    type: 'Normal',
    ...extra,
  };
}
const msgs = (errs: { field: string; message: string }[]) => errs.map((e) => `${e.field}: ${e.message}`);

describe('events.k8s.io Event conversion', () => {
  it('maps fields to the core shape', () => {
    const core = eventToCore(ev({ series: { count: 3, lastObservedTime: '2024-01-01T00:01:00.000000Z' } }));
    expect(core).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      involvedObject: { kind: 'Pod', name: 'web-1' },
      message: 'Pulling image "nginx"',
      reportingComponent: 'kubernetes.io/kubelet',
      reportingInstance: 'node-1',
      series: { count: 3 },
    });
    expect('note' in core).toBe(false);
  });

  it('round-trips, and reads legacy events', () => {
    const original = ev();
    expect(eventFromCore(eventToCore(original))).toEqual({ ...original, apiVersion: 'events.k8s.io/v1', kind: 'Event' });
    const legacy = eventFromCore({
      metadata: { name: 'x', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'n1' },
      message: 'Starting kubelet.',
      source: { component: 'kubelet', host: 'n1' },
      count: 2,
      firstTimestamp: '2024-01-01T00:00:00Z',
      lastTimestamp: '2024-01-01T00:05:00Z',
      type: 'Normal',
    } as never);
    expect(legacy).toMatchObject({
      eventTime: null,
      regarding: { kind: 'Node', name: 'n1' },
      note: 'Starting kubelet.',
      deprecatedSource: { component: 'kubelet', host: 'n1' },
      deprecatedCount: 2,
      deprecatedFirstTimestamp: '2024-01-01T00:00:00Z',
    });
    expect(eventsV1Event.storage).toMatchObject({ group: '', version: 'v1', kind: 'Event', plural: 'events' });
  });
});

describe('events.k8s.io Event validation', () => {
  it('accepts a new-style event', () => {
    expect(msgs(eventsV1Event.validate!(ev()))).toEqual([]);
  });

  it.each<[Partial<Event>, string[]]>([
    [{ type: 'Info' }, ['type: Invalid value: "": has invalid value: Info']],
    [{ series: { count: 1, lastObservedTime: '' } }, ['series.count: Invalid value: "": should be at least 2', 'series.lastObservedTime: Required value']],
    [{ deprecatedCount: 3, deprecatedSource: { component: 'x' } }, ['deprecatedCount: Invalid value: "": needs to be unset', 'deprecatedSource: Invalid value: "": needs to be unset']],
    [
      { reportingController: '' },
      ['reportingComponent: Required value', 'reportingComponent: Invalid value: "": name part must be non-empty'],
    ],
  ])('refuses %o', (extra, want) => {
    expect(msgs(eventsV1Event.validate!(ev(extra)))).toEqual(want);
  });

  it('keeps the event immutable except for its series', () => {
    const old = ev();
    const grown = ev({ series: { count: 2, lastObservedTime: '2024-01-01T00:02:00.000000Z' }, eventTime: '2024-01-01T00:00:00.123456789Z' });
    expect(eventsV1Event.validateUpdate!(grown, old)).toEqual([]);
    expect(msgs(eventsV1Event.validateUpdate!(ev({ note: 'changed' }), old))).toEqual(['message: Invalid value: "changed": field is immutable']);
  });
});

describe('events.k8s.io Event table', () => {
  it('prints like kubectl get events', () => {
    const row = eventsV1Event.table.cells(ev(), new Date('2024-01-01T00:02:00Z'));
    expect(eventsV1Event.table.columns.map((c) => c.name)).toEqual([
      'Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name',
    ]);
    expect(row).toEqual(['119s', 'Normal', 'Pulling', 'pod/web-1', 'spec.containers{web}', 'kubernetes.io/kubelet, node-1', 'Pulling image "nginx"', '119s', 1, 'web-1.17a']);
  });
});
