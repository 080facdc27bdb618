import { describe, expect, it } from 'vitest';
import { type Event, event } from './event.js';
import { NOW, ago, problems, row } from './test-support.js';

function ev(extra: Partial<Event> = {}): Event {
  return {
    metadata: { name: 'web.17a', namespace: 'default', creationTimestamp: ago(600) },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: 'Successfully pulled image "nginx"\n',
    source: { component: 'kubelet', host: 'n1' },
    firstTimestamp: ago(600),
    lastTimestamp: ago(120),
    count: 3,
    type: 'Normal',
    ...extra,
  };
}

describe('Event', () => {
  it('accepts a legacy event', () => {
    expect(problems(event, ev())).toEqual([]);
  });

  it('requires matching namespaces', () => {
    expect(problems(event, ev({ involvedObject: { kind: 'Pod', namespace: 'other', name: 'web' } }))).toEqual([
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });

  it('requires reporting fields on new-style events', () => {
    expect(problems(event, ev({ eventTime: ago(1) }))).toEqual([
      'reportingComponent: Required value',
      "reportingComponent: Invalid value: \"\": name part must be non-empty",
      'reportingInstance: Required value',
      'action: Required value',
    ]);
  });

  it('prints the default and wide columns', () => {
    expect(event.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
    expect(row(event, ev())).toEqual({
      'Last Seen': '2m', Type: 'Normal', Reason: 'Pulled', Object: 'pod/web', Subobject: 'spec.containers{web}', Source: 'kubelet, n1',
      Message: 'Successfully pulled image "nginx"', 'First Seen': '10m', Count: 3, Name: 'web.17a',
    });
  });

  it('prints new-style events from eventTime and series', () => {
    const e = ev({
      firstTimestamp: null,
      lastTimestamp: null,
      count: undefined,
      source: undefined,
      eventTime: ago(300),
      reportingComponent: 'default-scheduler',
      reportingInstance: 'gantry',
    });
    expect(row(event, e, NOW)).toMatchObject({ 'Last Seen': '5m', 'First Seen': '5m', Count: 1, Source: 'default-scheduler, gantry' });
    e.series = { count: 4, lastObservedTime: ago(30) };
    expect(row(event, e, NOW)).toMatchObject({ 'Last Seen': '30s', Count: 4 });
  });

  it('has no generation and upstream field selectors', () => {
    expect(event.generationFields).toEqual([]);
    const sel = event.fieldSelectors!;
    expect(Object.keys(sel)).toEqual(
      expect.arrayContaining(['involvedObject.kind', 'involvedObject.name', 'involvedObject.uid', 'reason', 'reportingComponent', 'source', 'type']),
    );
    expect(sel.source!(ev())).toBe('kubelet');
  });
});
