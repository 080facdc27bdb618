/** core/v1 Event: a report of something that happened to an object. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { col, formatAge } from '../../printing.js';
import { type FieldError, invalid, required } from '../../validation/field-errors.js';
import { isDNS1123Subdomain, isQualifiedName } from '../../validation/names.js';
import type { ObjectReference } from './object-reference.js';

/** The component that reported an event. */
export interface EventSource {
  /** Component from which the event is generated, e.g. "kubelet". */
  component?: string;
  /** Node on which the event is generated. */
  host?: string;
}

/** Data about a series of similar events (new-style events). */
export interface EventSeries {
  /** Number of occurrences in the series up to the last heartbeat. */
  count?: number;
  /** Time of the last occurrence observed. */
  lastObservedTime?: string;
}

export interface Event extends KubeObject {
  /** The object this event is about. */
  involvedObject: ObjectReference;
  /** Short, machine-understandable CamelCase reason for the transition into the object's current status. */
  reason?: string;
  /** A human-readable description of the status of this operation. */
  message?: string;
  /** The component reporting the event. */
  source?: EventSource;
  /** When the event was first recorded. */
  firstTimestamp?: string | null;
  /** When the most recent occurrence of the event was recorded. */
  lastTimestamp?: string | null;
  /** Number of times this event has occurred. */
  count?: number;
  /** Normal or Warning (new types may be added). */
  type?: string;
  /** When the event was first observed (microsecond precision); set by new-style clients. */
  eventTime?: string | null;
  /** Data about the series this event represents, if any. */
  series?: EventSeries;
  /** What action was taken or failed, e.g. "Binding". */
  action?: string;
  /** An optional secondary object of more complex actions. */
  related?: ObjectReference;
  /** Name of the controller that emitted the event, e.g. "kubernetes.io/kubelet". */
  reportingComponent?: string;
  /** ID of the controller instance, e.g. "kubelet-xyzf". */
  reportingInstance?: string;
}

const LIMIT_128 = 128;
const NOTE_LIMIT = 1024;

function tooMuch(field: string, value: string | undefined, limit: number): FieldError[] {
  return (value ?? '').length > limit ? [invalid(field, '', `can have at most ${limit} characters`)] : [];
}

/** Validation as upstream's legacyValidateEvent for core/v1 requests. */
export function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const nsMismatch = invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(nsMismatch);
    } else if (ns !== involvedNs) {
      errs.push(nsMismatch);
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(nsMismatch);
    const rc = ev.reportingComponent ?? '';
    if (!rc) errs.push(required('reportingComponent'));
    errs.push(...isQualifiedName(rc).map((m) => invalid('reportingComponent', rc, m)));
    if (!ev.reportingInstance) errs.push(required('reportingInstance'));
    errs.push(...tooMuch('reportingInstance', ev.reportingInstance, LIMIT_128));
    if (!ev.action) errs.push(required('action'));
    errs.push(...tooMuch('action', ev.action, LIMIT_128));
    if (!ev.reason) errs.push(required('reason'));
    errs.push(...tooMuch('reason', ev.reason, LIMIT_128));
    errs.push(...tooMuch('message', ev.message, NOTE_LIMIT));
  }
  errs.push(...isDNS1123Subdomain(ns).map((m) => invalid('namespace', ns, m)));
  return errs;
}

function since(ts: string | null | undefined, now: Date): string | undefined {
  return ts ? formatAge(ts, now) : undefined;
}

/** The Source cell: "component, host", falling back to reportingComponent and reportingInstance. */
export function formatEventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

/** The cells of `kubectl get events`, in column order (wide columns included). */
export function eventCells(ev: Event, now: Date): unknown[] {
  const first = since(ev.firstTimestamp, now) ?? formatAge(ev.eventTime, now);
  let last = since(ev.lastTimestamp, now) ?? first;
  let count = ev.count ?? 0;
  if (ev.series) {
    last = formatAge(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
  return [
    last,
    ev.type ?? '',
    ev.reason ?? '',
    target,
    ev.involvedObject?.fieldPath ?? '',
    formatEventSource(ev),
    (ev.message ?? '').trim(),
    first,
    count,
    ev.metadata.name,
  ];
}

export const event = defineKind<Event>({
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  generationFields: [],
  validate: validateEvent,
  table: {
    columns: [
      col('Last Seen', 0, 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      col('Type', 0, 'string', 'Type of this event (Normal, Warning).'),
      col('Reason', 0, 'string', 'A short reason for the transition into the object\'s current status.'),
      col('Object', 0, 'string', 'The object this event is about.'),
      col('Subobject', 1, 'string', 'The part of the object the event is about, e.g. a container.'),
      col('Source', 1, 'string', 'The component reporting this event.'),
      col('Message', 0, 'string', 'A human-readable description of the status of this operation.'),
      col('First Seen', 1, 'string', 'The time at which the event was first recorded.'),
      col('Count', 1, 'string', 'The number of times this event has occurred.'),
      { ...col('Name', 1, 'string', 'The name of the event.'), format: 'name' },
    ],
    cells: eventCells,
  },
  fieldSelectors: {
    'involvedObject.kind': (e) => e.involvedObject?.kind ?? '',
    'involvedObject.namespace': (e) => e.involvedObject?.namespace ?? '',
    'involvedObject.name': (e) => e.involvedObject?.name ?? '',
    'involvedObject.uid': (e) => e.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (e) => e.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (e) => e.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (e) => e.involvedObject?.fieldPath ?? '',
    reason: (e) => e.reason ?? '',
    reportingComponent: (e) => e.reportingComponent ?? '',
    source: (e) => e.source?.component || e.reportingComponent || '',
    type: (e) => e.type ?? '',
  },
});
