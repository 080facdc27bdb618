import { describe, expect, it } from 'vitest';
import { cronScheduleError, timeZoneError } from './cron-schedule.js';

describe('cronScheduleError', () => {
  it.each(['*/5 * * * *', '0 0 * * 0', '30 2 1-15/2 jan-mar mon-fri', '0 9 ? * SUN', '@hourly', '@every 1h30m', 'CRON_TZ=UTC 0 * * * *', '0,15,30,45 * * * *'])(
    'accepts %s',
    (s) => {
      expect(cronScheduleError(s)).toBeUndefined();
    },
  );

  it.each([
    ['', 'empty spec string'],
    ['bad', 'expected exactly 5 fields, found 1: [bad]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
  ])('refuses %j', (s, want) => {
    expect(cronScheduleError(s)).toBe(want);
  });
});

describe('timeZoneError', () => {
  it.each([
    ['Europe/Berlin', undefined],
    ['UTC', undefined],
    ['Etc/UTC', undefined],
    ['', 'timeZone must be nil or non-empty string'],
    ['Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['../etc/passwd', 'unknown time zone ../etc/passwd'],
    ['Local', 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
  ])('%j → %s', (zone, want) => {
    expect(timeZoneError(zone)).toBe(want);
  });
});
