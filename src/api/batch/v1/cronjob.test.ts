import { describe, expect, it } from 'vitest';
import { cronJob, type CronJob, type CronJobSpec } from './cronjob.js';
import { CREATED, jobPodTemplate, messages } from './testing.js';

function cj(spec: Partial<CronJobSpec> = {}, name = 'backup'): CronJob {
  const obj: CronJob = {
    metadata: { name, namespace: 'default', creationTimestamp: CREATED },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: jobPodTemplate('OnFailure') } }, ...spec },
  };
  cronJob.defaults!(obj);
  return obj;
}

describe('CronJob', () => {
  it('defaults the policy, suspend and history limits', () => {
    const { spec } = cj();
    expect([spec.concurrencyPolicy, spec.suspend, spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit]).toEqual(['Allow', false, 3, 1]);
    expect(spec.jobTemplate.spec.template.spec!.terminationGracePeriodSeconds).toBe(30);
    expect(spec.jobTemplate.spec.completions).toBeUndefined();
    expect(cronJob.validate!(cj())).toEqual([]);
  });

  it.each<[Partial<CronJobSpec>, string[]]>([
    [{ schedule: '' }, ['spec.schedule: Required value']],
    [{ schedule: 'every minute' }, ['spec.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]']],
    [
      { schedule: 'TZ=UTC 0 * * * *' },
      ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ],
    [{ timeZone: 'Mars/Olympus' }, ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    [{ concurrencyPolicy: 'Sometimes' as never }, ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"']],
    [{ successfulJobsHistoryLimit: -1 }, ['spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
  ])('refuses %o', (spec, want) => {
    expect(messages(cronJob.validate!(cj(spec)))).toEqual(want);
  });

  it('checks the job template', () => {
    const obj = cj();
    obj.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } };
    obj.spec.jobTemplate.spec.template.spec!.restartPolicy = 'Always';
    expect(messages(cronJob.validate!(obj))).toEqual([
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
    ]);
  });

  it('limits names to 52 characters on create only', () => {
    const long = cj({}, 'x'.repeat(53));
    expect(messages(cronJob.validate!(long))).toEqual([`metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`]);
    expect(cronJob.validateUpdate!(long, long)).toEqual([]);
  });

  it('prints the table row', () => {
    const obj = cj({ timeZone: 'Europe/Berlin' });
    obj.status = { active: [{ name: 'backup-28400' }], lastScheduleTime: '2024-01-01T00:05:00Z' };
    expect(cronJob.table.columns.map((c) => c.name)).toEqual([
      'Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector',
    ]);
    expect(cronJob.table.cells(obj, new Date('2024-01-01T00:06:00Z'))).toEqual([
      'backup', '*/5 * * * *', 'Europe/Berlin', 'False', 1, '60s', '6m', 'pi', 'perl:5.34', '<none>',
    ]);
    expect(cronJob.table.cells(cj(), new Date())[2]).toBe('<none>');
    expect(cronJob.table.cells(cj(), new Date())[5]).toBe('<none>');
  });
});
