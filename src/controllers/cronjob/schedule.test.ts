import { describe, expect, it } from 'vitest';
import {
  formatRFC1123Z,
  formatRFC3339InZone,
  jobNameFor,
  mostRecentScheduleTime,
  nextScheduleDelay,
  nextScheduleTime,
  parseGoDuration,
  parseSchedule,
} from './schedule.js';

const T = (iso: string) => Date.parse(iso);

describe('parseSchedule', () => {
  it('finds the next minute strictly after a whole second, as robfig', () => {
    const s = parseSchedule('* * * * *');
    expect(s.next(T('2024-01-01T12:00:00Z'))).toBe(T('2024-01-01T12:01:00Z'));
    expect(s.next(T('2024-01-01T11:59:59.500Z'))).toBe(T('2024-01-01T12:00:00Z'));
    expect(s.next(T('2024-01-01T12:00:00.999Z'))).toBe(T('2024-01-01T12:01:00Z'));
  });

  it('prev is inclusive', () => {
    const s = parseSchedule('*/5 * * * *');
    expect(s.prev(T('2024-01-01T12:05:00Z'))).toBe(T('2024-01-01T12:05:00Z'));
    expect(s.prev(T('2024-01-01T12:04:59Z'))).toBe(T('2024-01-01T12:00:00Z'));
  });

  it('honours the time zone, and the legacy TZ= prefix over it', () => {
    const ny = parseSchedule('0 9 * * *', { timeZone: 'America/New_York' });
    expect(ny.next(T('2024-01-01T12:00:00Z'))).toBe(T('2024-01-01T14:00:00Z'));
    const prefixed = parseSchedule('CRON_TZ=Asia/Tokyo 0 9 * * *', { timeZone: 'America/New_York' });
    expect(prefixed.next(T('2024-01-01T12:00:00Z'))).toBe(T('2024-01-02T00:00:00Z'));
  });

  it('knows the descriptors and @every', () => {
    expect(parseSchedule('@hourly').next(T('2024-01-01T12:00:00Z'))).toBe(T('2024-01-01T13:00:00Z'));
    expect(parseSchedule('@midnight').next(T('2024-01-01T12:00:00Z'))).toBe(T('2024-01-02T00:00:00Z'));
    expect(parseSchedule('@annually').next(T('2024-01-01T12:00:00Z'))).toBe(T('2025-01-01T00:00:00Z'));
    expect(parseSchedule('@every 90s').next(T('2024-01-01T12:00:00.700Z'))).toBe(T('2024-01-01T12:01:30Z'));
  });

  it('refuses bad schedules with a message', () => {
    expect(() => parseSchedule('')).toThrow('empty spec string');
    expect(() => parseSchedule('* * *')).toThrow('expected exactly 5 fields, found 3');
    expect(() => parseSchedule('@sometimes')).toThrow('unrecognized descriptor');
    expect(() => parseSchedule('0 0 L * *')).toThrow('unsupported');
    expect(() => parseSchedule('* * * * *', { timeZone: 'Mars/Olympus' })).toThrow('unknown time zone');
    expect(() => parseSchedule('@every soon')).toThrow('invalid duration');
    expect(() => parseSchedule('0 0 * JAN MON-FRI')).not.toThrow();
  });
});

describe('parseGoDuration', () => {
  it('parses Go durations', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(() => parseGoDuration('1x')).toThrow();
  });
});

describe('mostRecentScheduleTime', () => {
  const every = parseSchedule('* * * * *');
  const created = T('2024-01-01T12:00:30Z');

  it('finds nothing before the first start', () => {
    expect(mostRecentScheduleTime({ created }, T('2024-01-01T12:00:59Z'), every)).toEqual({ earliest: created, missed: 0 });
  });

  it('finds one start, then the latest of many', () => {
    expect(mostRecentScheduleTime({ created }, T('2024-01-01T12:01:10Z'), every).mostRecent).toBe(T('2024-01-01T12:01:00Z'));
    const w = mostRecentScheduleTime({ created }, T('2024-01-01T12:05:10Z'), every);
    expect(w.mostRecent).toBe(T('2024-01-01T12:05:00Z'));
    expect(w.missed).toBe(5);
  });

  it('starts from lastScheduleTime, and from the starting deadline when asked', () => {
    const state = { created, lastScheduled: T('2024-01-01T12:03:00Z'), startingDeadlineSeconds: 30 };
    expect(mostRecentScheduleTime(state, T('2024-01-01T12:05:10Z'), every).missed).toBe(2);
    const late = mostRecentScheduleTime(state, T('2024-01-01T12:05:40Z'), every, { includeDeadline: true });
    expect(late.mostRecent).toBeUndefined();
  });

  it('estimates many missed starts without walking them all', () => {
    const w = mostRecentScheduleTime({ created }, T('2024-02-01T00:00:10Z'), every);
    expect(w.mostRecent).toBe(T('2024-02-01T00:00:00Z'));
    expect(w.missed).toBeGreaterThan(100);
  });

  it('handles @every schedules', () => {
    const s = parseSchedule('@every 1h');
    const w = mostRecentScheduleTime({ created: T('2024-01-01T00:00:00Z') }, T('2024-01-10T00:30:00Z'), s);
    expect(w.mostRecent).toBe(T('2024-01-10T00:00:00Z'));
  });
});

describe('nextScheduleTime and nextScheduleDelay', () => {
  const every = parseSchedule('* * * * *');
  it('answers the start to act on and the wait until the next one', () => {
    const state = { created: T('2024-01-01T12:00:30Z') };
    expect(nextScheduleTime(state, T('2024-01-01T12:01:05Z'), every).scheduled).toBe(T('2024-01-01T12:01:00Z'));
    expect(nextScheduleDelay(state, T('2024-01-01T12:01:05Z'), every)).toBe(55_100);
    expect(nextScheduleTime(state, T('2024-01-01T12:00:45Z'), every).scheduled).toBeUndefined();
    expect(nextScheduleDelay(state, T('2024-01-01T12:00:45Z'), every)).toBe(15_100);
  });
});

describe('names and formats', () => {
  it('names jobs by scheduled minutes since the epoch', () => {
    expect(jobNameFor('hello', T('2024-01-01T12:01:00Z'))).toBe(`hello-${T('2024-01-01T12:01:00Z') / 60_000}`);
  });
  it('formats RFC 3339 in a zone and RFC 1123Z', () => {
    expect(formatRFC3339InZone(T('2024-01-01T14:00:00Z'), 'America/New_York')).toBe('2024-01-01T09:00:00-05:00');
    expect(formatRFC3339InZone(T('2024-01-01T14:00:00Z'))).toBe('2024-01-01T14:00:00Z');
    expect(formatRFC3339InZone(T('2024-01-01T14:00:00Z'), 'Asia/Kolkata')).toBe('2024-01-01T19:30:00+05:30');
    expect(formatRFC1123Z(T('2024-01-01T14:00:00Z'))).toBe('Mon, 01 Jan 2024 14:00:00 +0000');
  });
});
