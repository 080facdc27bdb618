import { describe, expect, it } from 'vitest';
import { job, type Job, type JobSpec } from './job.js';
import { CREATED, jobPodTemplate, messages } from './testing.js';

const UID = '7f6c4a3e-1111-2222-3333-444455556666';

/** A job as the apiserver sees it on create: defaulted, uid assigned, prepared. */
function created(spec: Partial<JobSpec> = {}, labels?: Record<string, string>): Job {
  const j: Job = {
    metadata: { name: 'pi', namespace: 'default', uid: UID, creationTimestamp: CREATED, labels },
    spec: { template: jobPodTemplate(), ...spec } as JobSpec,
  };
  job.defaults!(j);
  job.prepareForCreate!(j);
  return j;
}

describe('Job defaults', () => {
  it('defaults completions, parallelism and the rest', () => {
    const { spec } = created();
    expect(spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    });
  });

  it('leaves completions unset for a work queue', () => {
    const { spec } = created({ parallelism: 3 });
    expect([spec.completions, spec.parallelism]).toEqual([undefined, 3]);
  });

  it('uses Failed replacement with a pod failure policy and defaults condition status', () => {
    const { spec } = created({
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    });
    expect(spec.podReplacementPolicy).toBe('Failed');
    expect(spec.podFailurePolicy!.rules[0]!.onPodConditions![0]!.status).toBe('True');
  });
});

describe('Job selector generation', () => {
  it('labels the template, selects by uid and labels the job', () => {
    const j = created();
    const want = {
      'batch.kubernetes.io/controller-uid': UID,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': UID,
      'job-name': 'pi',
    };
    expect(j.spec.template.metadata!.labels).toEqual(want);
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
    expect(j.metadata.labels).toEqual(want);
    expect(j.status).toEqual({});
    expect(messages(job.validate!(j))).toEqual([]);
  });

  it('keeps the job labels the user set', () => {
    expect(created({}, { team: 'a' }).metadata.labels).toEqual({ team: 'a' });
  });

  it('refuses a hand-made selector without manualSelector', () => {
    const j = created({ selector: { matchLabels: { app: 'x' } } });
    expect(messages(job.validate!(j))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"7f6c4a3e-1111-2222-3333-444455556666"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"7f6c4a3e-1111-2222-3333-444455556666", "batch.kubernetes.io/job-name":"pi", "controller-uid":"7f6c4a3e-1111-2222-3333-444455556666", "job-name":"pi"}: `selector` does not match template `labels`',
    ]);
  });

  it('reports a conflicting job-name label', () => {
    const j = created({ template: { ...jobPodTemplate(), metadata: { labels: { 'job-name': 'other' } } } });
    expect(messages(job.validate!(j))[0]).toMatch(/^spec\.template\.metadata\.labels\[job-name\]: Invalid value: map\[string\]string\{.*\}: must be 'pi'$/);
  });

  it('accepts a manual selector that matches', () => {
    const tpl = { ...jobPodTemplate(), metadata: { labels: { app: 'x' } } };
    const j = created({ manualSelector: true, selector: { matchLabels: { app: 'x' } }, template: tpl });
    expect(j.spec.template.metadata!.labels).toEqual({ app: 'x' });
    expect(messages(job.validate!(j))).toEqual([]);
  });
});

describe('Job validation', () => {
  it('needs restartPolicy OnFailure or Never', () => {
    expect(messages(job.validate!(created({ template: jobPodTemplate('Always') })))).toEqual([
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it.each<[Partial<JobSpec>, string[]]>([
    [{ parallelism: -1 }, ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']],
    [{ completionMode: 'Indexed', completions: undefined, parallelism: 2 }, ['spec.completions: Required value: when completion mode is Indexed']],
    [{ backoffLimitPerIndex: 1 }, ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode']],
    [
      { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 0, 1] } }] } },
      [
        'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
        'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 0, 1}: must be ordered',
      ],
    ],
    [
      { podFailurePolicy: { rules: [{ action: 'Retry' as never }] } },
      [
        'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
        'spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
      ],
    ],
    [
      { successPolicy: { rules: [{ succeededCount: 1 }] } },
      ['spec.successPolicy: Invalid value: {"rules":[{"succeededCount":1}]}: requires indexed completion mode'],
    ],
    [
      { completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '0-2,1', succeededCount: 9 }] } },
      [
        'spec.successPolicy.rules[0].succeededIndexes: Invalid value: "0-2,1": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1',
        'spec.successPolicy.rules[0].succeededCount: Invalid value: 9: must be less than or equal to 5 (the number of specified completions)',
        'spec.successPolicy.rules[0].succeededCount: Invalid value: 9: must be less than or equal to 0 (the number of indexes in the specified succeededIndexes field)',
      ],
    ],
    [{ podReplacementPolicy: 'Sometimes' as never }, ['spec.podReplacementPolicy: Unsupported value: "Sometimes": supported values: "Failed", "TerminatingOrFailed"']],
  ])('refuses %o', (spec, want) => {
    expect(messages(job.validate!(created(spec)))).toEqual(want);
  });

  it('checks indexed pod hostnames', () => {
    const j = created({ completionMode: 'Indexed', completions: 10 });
    j.metadata.name = `${'a'.repeat(62)}`;
    expect(messages(job.validate!(j)).at(-1)).toBe(`metadata.name: Invalid value: "${'a'.repeat(62)}": will not able to create pod with invalid DNS label: ${'a'.repeat(62)}-9`);
  });
});

describe('Job updates', () => {
  it('keeps completions, selector and template immutable', () => {
    const old = created();
    const next = structuredClone(old);
    next.spec.completions = 3;
    next.spec.template.spec!.containers[0]!.image = 'perl:5.36';
    const errs = messages(job.validateUpdate!(next, old));
    expect(errs).toHaveLength(2);
    expect(errs[0]).toBe('spec.completions: Invalid value: 3: field is immutable');
    expect(errs[1]).toMatch(/^spec\.template: Invalid value: \{.*"perl:5\.36".*\}: field is immutable$/);
  });

  it('lets a suspended job that never started change scheduling directives', () => {
    const old = created({ suspend: true });
    const next = structuredClone(old);
    next.spec.template.spec!.nodeSelector = { zone: 'a' };
    next.spec.suspend = false;
    expect(job.validateUpdate!(next, old)).toEqual([]);
    const started = structuredClone(old);
    started.status = { startTime: CREATED };
    expect(messages(job.validateUpdate!(next, started))[0]).toMatch(/^spec\.template: .*field is immutable$/);
  });

  it('allows indexed completions to change with parallelism', () => {
    const old = created({ completionMode: 'Indexed', completions: 2, parallelism: 2 });
    const next = structuredClone(old);
    next.spec.completions = 4;
    expect(messages(job.validateUpdate!(next, old))).toEqual(['spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism']);
    next.spec.parallelism = 4;
    expect(job.validateUpdate!(next, old)).toEqual([]);
  });

  it('guards status counters and terminal conditions', () => {
    const old = created();
    old.status = { succeeded: 2, conditions: [{ type: 'Complete', status: 'True' }] };
    const next = structuredClone(old);
    next.status = { succeeded: 1, active: -1 };
    expect(messages(job.validateStatusUpdate!(next, old))).toEqual([
      'status.active: Invalid value: -1: must be greater than or equal to 0',
      'status.conditions: Invalid value: cannot disable the terminal Complete=True condition',
      'status.succeeded: Invalid value: 1: cannot decrease the succeeded counter',
    ]);
  });
});

describe('Job table', () => {
  const now = new Date('2024-01-01T00:10:00Z');
  it('prints a running job', () => {
    const j = created({ completions: 5, parallelism: 2 });
    j.status = { startTime: '2024-01-01T00:01:00Z', succeeded: 2, active: 2 };
    expect(job.table.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers', 'Images', 'Selector']);
    expect(job.table.cells(j, now)).toEqual(['pi', 'Running', '2/5', '9m', '10m', 'pi', 'perl:5.34', `batch.kubernetes.io/controller-uid=${UID}`]);
  });

  it.each<[Partial<Job['status']>, string]>([
    [{ conditions: [{ type: 'Complete', status: 'True' }] }, 'Complete'],
    [{ conditions: [{ type: 'Failed', status: 'True' }] }, 'Failed'],
    [{ conditions: [{ type: 'Suspended', status: 'True' }] }, 'Suspended'],
    [{ conditions: [{ type: 'Complete', status: 'False' }] }, 'Running'],
  ])('prints status %j as %s', (status, want) => {
    const j = created();
    j.status = status;
    expect(job.table.cells(j, now)[1]).toBe(want);
  });

  it('prints duration to completion and work-queue completions', () => {
    const j = created({ parallelism: 3 });
    j.status = { startTime: '2024-01-01T00:00:00Z', completionTime: '2024-01-01T00:00:42Z', succeeded: 1 };
    expect(job.table.cells(j, now).slice(2, 4)).toEqual(['1/1 of 3', '42s']);
    expect(job.table.cells(created(), now)[3]).toBe('');
  });
});
