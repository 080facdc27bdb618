/** events.k8s.io/v1 Event: the structured event API, served from the core Events' storage. */
import { event as coreEvent, eventCells, validateEvent } from '../../core/v1/event.js';
import { defineKind } from '../../kind.js';
import { type FieldError, invalid, required, IMMUTABLE } from '../../validation/field-errors.js';
import { semanticEqual } from '../../validation/semantic-equal.js';
import { eventFromCore, eventToCore } from './event-conversion.js';
import type { Event } from './event-types.js';

export type * from './event-types.js';

function validateSeries(ev: Event): FieldError[] {
  if (!ev.series) return [];
  const errs: FieldError[] = [];
  if ((ev.series.count ?? 0) < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
  if (!ev.series.lastObservedTime) errs.push(required('series.lastObservedTime'));
  return errs;
}

/** ValidateEventCreate for events.k8s.io/v1: the legacy checks plus the strict ones. */
export function validateEventsV1(ev: Event): FieldError[] {
  const errs = [...validateEvent(eventToCore(ev)), ...validateSeries(ev)];
  if (!ev.eventTime) errs.push(required('eventTime'));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${ev.type ?? ''}`));
  if (ev.deprecatedFirstTimestamp) errs.push(invalid('deprecatedFirstTimestamp', '', 'needs to be unset'));
  if (ev.deprecatedLastTimestamp) errs.push(invalid('deprecatedLastTimestamp', '', 'needs to be unset'));
  if (ev.deprecatedCount) errs.push(invalid('deprecatedCount', '', 'needs to be unset'));
  if (ev.deprecatedSource?.component || ev.deprecatedSource?.host) errs.push(invalid('deprecatedSource', '', 'needs to be unset'));
  return errs;
}

/** Microsecond precision is all that is compared for eventTime. */
function sameMicros(a: string | null | undefined, b: string | null | undefined): boolean {
  const micros = (t: string | null | undefined) => {
    if (!t) return '';
    const m = /^(.*?)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(t);
    const base = Date.parse(m ? `${m[1]}${m[3]}` : t);
    return `${base}.${(m?.[2] ?? '.').slice(1, 7).padEnd(6, '0')}`;
  };
  return micros(a) === micros(b);
}

/** ValidateEventUpdate for events.k8s.io/v1; paths name the stored (core) fields, as upstream's do. */
export function validateEventsV1Update(ev: Event, old: Event): FieldError[] {
  const now = eventToCore(ev);
  const before = eventToCore(old);
  const errs = validateEvent(now);
  if (!semanticEqual(ev.series, old.series)) errs.push(...validateSeries(ev));
  const fields = ['involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type'] as const;
  for (const f of fields) {
    if (!semanticEqual(now[f], before[f])) errs.push(invalid(f, now[f] ?? null, IMMUTABLE));
  }
  if (!sameMicros(ev.eventTime, old.eventTime)) errs.push(invalid('eventTime', ev.eventTime, IMMUTABLE));
  return errs;
}

export const eventsV1Event = defineKind<Event>({
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  // The same storage as core Events, so discovery lists the same short name.
  shortNames: ['ev'],
  generationFields: [],
  validate: validateEventsV1,
  validateUpdate: validateEventsV1Update,
  table: {
    columns: coreEvent.table.columns,
    cells: (ev, now) => eventCells(eventToCore(ev), now),
  },
  fieldSelectors: {
    reason: (e) => e.reason ?? '',
    type: (e) => e.type ?? '',
    reportingController: (e) => e.reportingController ?? '',
    'regarding.kind': (e) => e.regarding?.kind ?? '',
    'regarding.namespace': (e) => e.regarding?.namespace ?? '',
    'regarding.name': (e) => e.regarding?.name ?? '',
    'regarding.uid': (e) => e.regarding?.uid ?? '',
    'regarding.apiVersion': (e) => e.regarding?.apiVersion ?? '',
    'regarding.resourceVersion': (e) => e.regarding?.resourceVersion ?? '',
    'regarding.fieldPath': (e) => e.regarding?.fieldPath ?? '',
  },
  storage: {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    toStored: (ev) => eventToCore(ev),
    fromStored: eventFromCore,
  },
});
