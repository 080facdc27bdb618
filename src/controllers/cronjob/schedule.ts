/**
 * CronJob schedule math, as upstream's cronjob controller does it with robfig/cron:
 * parse a standard five-field schedule (or a descriptor, `@every <duration>`, or the legacy
 * `TZ=`/`CRON_TZ=` prefix) in a time zone, then work out the most recent unmet start time and
 * when to look again. Times are milliseconds since the epoch. The cron parsing itself is the
 * `cron-parser` library's.
 */
import { CronExpressionParser } from 'cron-parser';

/** A parsed schedule: activation times strictly after a time, and at or before one. */
export interface Schedule {
  /** The first activation strictly after `ms` (rounded up to a whole second, as robfig does); undefined: never. */
  next(ms: number): number | undefined;
  /** The last activation at or before `ms`; undefined: none. */
  prev(ms: number): number | undefined;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const NAMES = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)\b/gi;

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("1h30m", "90s") in milliseconds; throws on anything else. */
export function parseGoDuration(text: string): number {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text.startsWith('-') ? -1 : 1;
    pos = 1;
  }
  re.lastIndex = pos;
  let m: RegExpExecArray | null;
  let any = false;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    pos = re.lastIndex;
    any = true;
  }
  if (!any || pos !== text.length) throw new Error(`time: invalid duration ${JSON.stringify(text)}`);
  return sign * total;
}

/** robfig's ConstantDelaySchedule: every `delay` (whole seconds, at least one). */
function everySchedule(delayMs: number): Schedule {
  const delay = Math.max(1000, Math.floor(delayMs / 1000) * 1000);
  return {
    next: (ms) => Math.floor(ms / 1000) * 1000 + delay,
    // A constant-delay schedule has no fixed grid: callers use next() from a known start.
    prev: () => undefined,
  };
}

function cronSchedule(expr: string, tz: string): Schedule {
  // Parse once to surface errors now; iterators are cheap to re-create per question.
  CronExpressionParser.parse(expr, { tz, currentDate: new Date(0) });
  const at = (ms: number) => CronExpressionParser.parse(expr, { tz, currentDate: new Date(ms) });
  return {
    next(ms) {
      // robfig: round up to the next whole second, then the first match at or after it.
      const start = Math.floor(ms / 1000) * 1000 + 1000 - 1;
      try {
        return at(start).next().getTime();
      } catch {
        return undefined;
      }
    },
    prev(ms) {
      try {
        return at(ms + 1).prev().getTime();
      } catch {
        return undefined;
      }
    },
  };
}

/** Whether the runtime knows the IANA zone `name`. */
export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses `schedule` as upstream's cron.ParseStandard would after formatSchedule: a `TZ=` or
 * `CRON_TZ=` prefix wins over `timeZone`; without either the zone is UTC (the controller's
 * zone upstream; Gantry's controllers run in UTC). Throws an Error with a readable message.
 */
export function parseSchedule(schedule: string, opts: { timeZone?: string } = {}): Schedule {
  if (typeof schedule !== 'string' || schedule.trim() === '') throw new Error('empty spec string');
  let spec = schedule.trim();
  let tz = opts.timeZone || 'UTC';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    tz = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (!isTimeZone(tz)) throw new Error(`provided bad location ${tz}: unknown time zone ${tz}`);
  if (spec.startsWith('@every ')) return everySchedule(parseGoDuration(spec.slice('@every '.length).trim()));
  if (spec.startsWith('@')) {
    const expr = DESCRIPTORS[spec];
    if (!expr) throw new Error(`unrecognized descriptor: ${spec}`);
    return cronSchedule(expr, tz);
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  // Upstream's syntax has no L, W, # or H: refuse what cron-parser alone would accept.
  const withoutNames = spec.replace(NAMES, '');
  if (/[a-z#]/i.test(withoutNames)) throw new Error(`unsupported cron syntax in ${JSON.stringify(spec)}`);
  return cronSchedule(spec, tz);
}

/** What mostRecentScheduleTime answers. */
export interface ScheduleWindow {
  /** The time from which starts are counted (creation, last schedule, or the starting deadline). */
  earliest: number;
  /** The most recent start time at or before now that is after `earliest`; undefined: none. */
  mostRecent?: number;
  /** How many start times were missed between `earliest` and now (an estimate past 100, as upstream). */
  missed: number;
}

/** The inputs of the schedule math, read from a CronJob. */
export interface ScheduleState {
  /** metadata.creationTimestamp, ms. */
  created: number;
  /** status.lastScheduleTime, ms. */
  lastScheduled?: number;
  /** spec.startingDeadlineSeconds. */
  startingDeadlineSeconds?: number;
}

/** The largest number of missed starts counted exactly; beyond it the count is estimated. */
const EXACT_COUNT_LIMIT = 101;

/**
 * upstream mostRecentScheduleTime: the latest unmet start in (earliest, now], and how many were
 * missed. With `includeDeadline`, starts older than now - startingDeadlineSeconds are ignored.
 * Throws when two consecutive starts are less than a second apart.
 */
export function mostRecentScheduleTime(state: ScheduleState, now: number, sched: Schedule, opts: { includeDeadline?: boolean } = {}): ScheduleWindow {
  let earliest = state.lastScheduled ?? state.created;
  if (opts.includeDeadline && state.startingDeadlineSeconds != null) {
    const deadline = now - state.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = sched.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 0 };
  const t2 = sched.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 1 };
  const interval = Math.round((t2 - t1) / 1000);
  if (interval < 1) throw new Error('time difference between two schedules is less than 1 second');
  // Count exactly while it is cheap; past the limit estimate as upstream does.
  let count = 2;
  let last = t2;
  while (count < EXACT_COUNT_LIMIT) {
    const n = sched.next(last);
    if (n === undefined || n > now) return { earliest, mostRecent: last, missed: count };
    last = n;
    count++;
  }
  const estimated = Math.floor((now - t1) / 1000 / interval) + 1;
  const viaPrev = sched.prev(now);
  if (viaPrev !== undefined && viaPrev >= last) return { earliest, mostRecent: viaPrev, missed: Math.max(estimated, count) };
  // Constant-delay schedules: step from t1 by whole intervals.
  const steps = Math.floor((now - t1) / (interval * 1000));
  return { earliest, mostRecent: t1 + steps * interval * 1000, missed: Math.max(estimated, count) };
}

/** Upstream's limit on missed starts before it warns (TooManyMissedTimes). */
export const TOO_MANY_MISSED = 100;

/**
 * upstream nextScheduleTime: the start time to act on now (undefined: none due), counting the
 * starting deadline, plus how many starts were missed.
 */
export function nextScheduleTime(state: ScheduleState, now: number, sched: Schedule): { scheduled?: number; missed: number } {
  const w = mostRecentScheduleTime(state, now, sched, { includeDeadline: true });
  if (w.mostRecent === undefined || w.mostRecent > now) return { missed: w.missed };
  return { scheduled: w.mostRecent, missed: w.missed };
}

/** Upstream's nextScheduleDelta: look again a little after the next start. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** upstream nextScheduleTimeDuration: ms from now until just after the next start; undefined: never. */
export function nextScheduleDelay(state: ScheduleState, now: number, sched: Schedule): number | undefined {
  let from: number;
  try {
    const w = mostRecentScheduleTime(state, now, sched);
    from = w.mostRecent ?? w.earliest;
  } catch {
    return undefined;
  }
  const next = sched.next(from);
  if (next === undefined) return undefined;
  return Math.max(0, next + NEXT_SCHEDULE_DELTA_MS - now);
}

/** `<cronjob>-<scheduled minutes since the epoch>`, the deterministic name of a run. */
export function jobNameFor(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(Math.floor(scheduledMs / 1000) / 60)}`;
}

/** Go's time.RFC3339 of `ms` in `timeZone` (UTC by default), e.g. "2024-01-01T09:00:00-05:00". */
export function formatRFC3339InZone(ms: number, timeZone = 'UTC'): string {
  const d = new Date(ms);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  const local = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')), Number(get('hour')), Number(get('minute')), Number(get('second')));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const stamp = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
  if (offsetMin === 0) return `${stamp}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${stamp}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Go's time.RFC1123Z in UTC, as upstream's MissSchedule event prints the missed time. */
export function formatRFC1123Z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
