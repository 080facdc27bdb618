import { describe, expect, it } from 'vitest';
import { imageTag, isEnvVarName } from './container.js';
import { validatePodSpec, defaultPodSpec, type PodSpec } from './pod-spec.js';
import { show } from './test-support.js';

describe('containers', () => {
  it.each([
    ['nginx', 'latest'],
    ['nginx:1.25', '1.25'],
    ['registry.local:5000/team/app', 'latest'],
    ['registry.local:5000/team/app:v2', 'v2'],
    ['app@sha256:0123', ''],
    ['Bad/Name', ''],
  ])('tag of %s is %j', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });

  it('accepts relaxed env var names', () => {
    expect(isEnvVarName('1-starts.with digit')).toEqual([]);
    expect(isEnvVarName('A=B')).toHaveLength(1);
  });

  it.each<[string, PodSpec, string[]]>([
    [
      'valueFrom with value',
      { containers: [{ name: 'a', image: 'x', env: [{ name: 'A', value: '1', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] },
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
    ],
    [
      'envFrom without source',
      { containers: [{ name: 'a', image: 'x', envFrom: [{ prefix: 'P_' }] }] },
      ['spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`'],
    ],
    [
      'duplicate mount path',
      {
        volumes: [{ name: 'v', emptyDir: {} }],
        containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/d' }, { name: 'v', mountPath: '/d' }] }],
      },
      ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique'],
    ],
    [
      'host port clash',
      { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] }] },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    [
      'restartPolicy on app container',
      { containers: [{ name: 'a', image: 'x', restartPolicy: 'Always' }] },
      ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
    ],
    [
      'ephemeral container with ports',
      { containers: [{ name: 'a', image: 'x' }], ephemeralContainers: [{ name: 'dbg', image: 'busybox', targetContainerName: 'nope', ports: [{ containerPort: 1 }] }] },
      ['spec.ephemeralContainers[0].targetContainerName: Not found: "nope"', 'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container'],
    ],
  ])('%s', (_n, spec, want) => {
    defaultPodSpec(spec);
    expect(show(validatePodSpec(spec, 'spec'))).toEqual(want);
  });
});
