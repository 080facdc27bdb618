import { describe, expect, it } from 'vitest';
import {
  type PodSpec,
  type PodTemplateSpec,
  defaultPodSpec,
  defaultPodTemplateSpec,
  validatePodSpec,
  validatePodTemplateSpec,
} from './pod-spec.js';
import { show } from './test-support.js';

function spec(over: Partial<PodSpec> = {}): PodSpec {
  const s: PodSpec = { containers: [{ name: 'web', image: 'nginx:1.25' }], ...over };
  defaultPodSpec(s);
  return s;
}



describe('defaultPodSpec', () => {
  it('fills upstream defaults', () => {
    const s = spec({ containers: [{ name: 'a', image: 'busybox', ports: [{ containerPort: 80 }] }] });
    expect(s).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
    });
    expect(s.enableServiceLinks).toBeUndefined();
    expect(s.containers[0]).toEqual({
      name: 'a',
      image: 'busybox',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'Always',
    });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:v1', 'IfNotPresent'],
    ['nginx@sha256:abcd', 'IfNotPresent'],
    ['nginx:latest@sha256:abcd', 'Always'],
  ])('image %s pulls %s', (image, policy) => {
    expect(spec({ containers: [{ name: 'a', image }] }).containers[0]!.imagePullPolicy).toBe(policy);
  });

  it('defaults probes, volumes and env refs', () => {
    const s = spec({
      volumes: [{ name: 'a' }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', configMap: { name: 'c' } }],
      containers: [
        {
          name: 'a',
          image: 'x',
          livenessProbe: { httpGet: { port: 80 } },
          env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          resources: { limits: { cpu: '0.5', memory: '1.5Gi' } },
        },
      ],
    });
    expect(s.volumes).toEqual([
      { name: 'a', emptyDir: {} },
      { name: 'b', secret: { secretName: 's', defaultMode: 420 } },
      { name: 'c', configMap: { name: 'c', defaultMode: 420 } },
    ]);
    const c = s.containers[0]!;
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c.env![0]!.valueFrom!.fieldRef!.apiVersion).toBe('v1');
    // Canonical quantities; requests are defaulted from limits only on pods, not in templates.
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1536Mi' } });
  });

  it('mirrors serviceAccountName into the deprecated serviceAccount', () => {
    expect(spec({ serviceAccountName: 'builder' }).serviceAccount).toBe('builder');
    expect(spec({ serviceAccount: 'old' }).serviceAccountName).toBe('old');
  });

  it('defaults a template without a spec', () => {
    const tpl: PodTemplateSpec = { metadata: { labels: { app: 'x' } } };
    defaultPodTemplateSpec(tpl);
    expect(tpl.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
  });
});

describe('validatePodSpec', () => {
  it('accepts a defaulted spec', () => {
    expect(validatePodSpec(spec(), 'spec')).toEqual([]);
  });

  it.each<[string, Partial<PodSpec>, string[]]>([
    ['no containers', { containers: [] }, ['spec.containers: Required value']],
    ['missing image', { containers: [{ name: 'a' }] }, ['spec.containers[0].image: Required value']],
    ['missing name', { containers: [{ name: '', image: 'x' }] }, ['spec.containers[0].name: Required value']],
    [
      'bad container name',
      { containers: [{ name: 'Web', image: 'x' }] },
      [
        `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    [
      'duplicate container names',
      { containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] },
      ['spec.containers[1].name: Duplicate value: "a"'],
    ],
    [
      'bad restart policy',
      { restartPolicy: 'Sometimes' as never },
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'bad dns policy',
      { dnsPolicy: 'Google' as never },
      ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ],
    [
      'port out of range',
      { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }] }] },
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'bad protocol',
      { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' as never }] }] },
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'duplicate port names',
      { containers: [{ name: 'a', image: 'x', ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }] },
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'mount of a missing volume',
      { containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'duplicate volumes',
      { volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }] },
      ['spec.volumes[1].name: Duplicate value: "v"'],
    ],
    [
      'two volume sources',
      { volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }] },
      ['spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'env var name with =',
      { containers: [{ name: 'a', image: 'x', env: [{ name: 'A=B', value: '1' }] }] },
      [`spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`],
    ],
    [
      'request above limit',
      { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] },
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'bad quantity',
      { containers: [{ name: 'a', image: 'x', resources: { limits: { memory: '1GB' } } }] },
      [`spec.containers[0].resources.limits[memory]: Invalid value: "1GB": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`],
    ],
    [
      'unknown resource',
      { containers: [{ name: 'a', image: 'x', resources: { limits: { gpu: '1' } } }] },
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'toleration without key',
      { tolerations: [{ operator: 'Equal', value: 'x' }] },
      ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
    ],
    [
      'liveness successThreshold',
      { containers: [{ name: 'a', image: 'x', livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }] },
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'probe without handler',
      { containers: [{ name: 'a', image: 'x', readinessProbe: { periodSeconds: 5 } }] },
      ['spec.containers[0].readinessProbe: Required value: must specify a handler type'],
    ],
    [
      'init container probe',
      { initContainers: [{ name: 'i', image: 'x', readinessProbe: { exec: { command: ['true'] } } }] },
      ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    ],
    [
      'init container name clash',
      { initContainers: [{ name: 'web', image: 'x' }] },
      ['spec.initContainers[0].name: Duplicate value: "web"'],
    ],
    [
      'activeDeadlineSeconds 0',
      { activeDeadlineSeconds: 0 },
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    ],
    [
      'node affinity without terms',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
      ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'],
    ],
  ])('%s', (_name, over, expected) => {
    const s = spec(over);
    expect(show(validatePodSpec(s, 'spec'))).toEqual(expected);
  });

  it('requires hostPort = containerPort with hostNetwork on pods only', () => {
    const s = spec({ hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }] });
    expect(show(validatePodSpec(s, 'spec'))).toEqual([]);
    expect(show(validatePodSpec(s, 'spec', { resourceIsPod: true }))).toEqual([
      'spec.containers[0].ports[0].hostPort: Invalid value: 0: must match `containerPort` when `hostNetwork` is true',
    ]);
  });
});

describe('validatePodTemplateSpec', () => {
  it('checks template labels and the spec', () => {
    const tpl: PodTemplateSpec = { metadata: { labels: { app: 'bad value' } }, spec: { containers: [] } };
    defaultPodTemplateSpec(tpl);
    expect(show(validatePodTemplateSpec(tpl, 'spec.template'))).toEqual([
      `spec.template.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      'spec.template.spec.containers: Required value',
    ]);
  });

  it('forbids ephemeral containers', () => {
    const tpl: PodTemplateSpec = { spec: { containers: [{ name: 'a', image: 'x' }], ephemeralContainers: [{ name: 'd', image: 'x' }] } };
    defaultPodTemplateSpec(tpl);
    expect(show(validatePodTemplateSpec(tpl, 'template'))).toContain(
      'template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    );
  });
});
