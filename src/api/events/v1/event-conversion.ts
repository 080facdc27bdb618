/**
 * events.k8s.io/v1 Events are stored as core/v1 Events (one resource, two APIs), with the
 * field mapping upstream uses: note ↔ message, regarding ↔ involvedObject, reportingController ↔
 * reportingComponent, deprecatedSource ↔ source, deprecated{First,Last}Timestamp ↔
 * {first,last}Timestamp, deprecatedCount ↔ count.
 */
import type { Event as CoreEvent } from '../../core/v1/event.js';
import type { KubeObject } from '../../meta.js';
import type { Event } from './event-types.js';

/** Drops undefined members so converted objects serialize as cleanly as the originals. */
function compact<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as (keyof T)[]) if (obj[k] === undefined) delete obj[k];
  return obj;
}

export function eventToCore(ev: Event): CoreEvent {
  return compact<CoreEvent>({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: ev.metadata,
    involvedObject: ev.regarding ?? {},
    reason: ev.reason,
    message: ev.note,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
    type: ev.type,
    eventTime: ev.eventTime,
    series: ev.series,
    action: ev.action,
    related: ev.related,
    reportingComponent: ev.reportingController,
    reportingInstance: ev.reportingInstance,
  });
}

export function eventFromCore(obj: KubeObject): Event {
  const ev = obj as CoreEvent;
  const series = ev.series ? { count: ev.series.count ?? 0, lastObservedTime: ev.series.lastObservedTime ?? '' } : undefined;
  const regarding = ev.involvedObject && Object.keys(ev.involvedObject).length ? ev.involvedObject : undefined;
  const source = ev.source && (ev.source.component || ev.source.host) ? ev.source : undefined;
  return compact<Event>({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: ev.metadata,
    eventTime: ev.eventTime ?? null,
    series,
    reportingController: ev.reportingComponent,
    reportingInstance: ev.reportingInstance,
    action: ev.action,
    reason: ev.reason,
    regarding,
    related: ev.related,
    note: ev.message,
    type: ev.type,
    deprecatedSource: source,
    deprecatedFirstTimestamp: ev.firstTimestamp,
    deprecatedLastTimestamp: ev.lastTimestamp,
    deprecatedCount: ev.count,
  });
}
