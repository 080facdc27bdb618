/**
 * Writes through kubectl against one gantry server: label, annotate, the patch types,
 * replace (with a stale resourceVersion: Conflict), scale, generateName and generation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCluster } from './lib/cluster.js';
import { configMap, deployment, pod, stream, workload } from './lib/manifests.js';

const NS = 'e2e-write';
const c = useCluster({ namespace: NS });
const CONFLICT = (what: string) =>
  `Operation cannot be fulfilled on ${what}: the object has been modified; please apply your changes to the latest version and try again`;

beforeAll(async () => {
  await c.create(
    pod('p', { labels: { app: 'p' } }),
    configMap('merge', { a: '1', b: '2' }),
    configMap('json', { a: '1', b: '2' }),
    configMap('noop', { a: '1' }),
    configMap('cfg', { v: 'one' }),
    deployment('web', { replicas: 2 }),
    deployment('smp', { replicas: 1 }),
  );
});

describe('kubectl label and annotate', () => {
  it('adds, overwrites and removes a label without bumping generation', async () => {
    expect(await c.ok(['label', 'deploy', 'web', 'tier=fe'])).toBe('deployment.apps/web labeled\n');
    expect(await c.jsonpath('{.metadata.labels}', 'deploy', 'web')).toBe('{"app":"web","tier":"fe"}');
    expect(await c.ok(['label', 'deploy', 'web', 'tier=be', '--overwrite'])).toBe('deployment.apps/web labeled\n');
    expect(await c.jsonpath('{.metadata.labels.tier}', 'deploy', 'web')).toBe('be');
    expect(await c.ok(['label', 'deploy', 'web', 'tier-'])).toBe('deployment.apps/web unlabeled\n');
    expect(await c.jsonpath('{.metadata.labels}', 'deploy', 'web')).toBe('{"app":"web"}');
    expect(await c.jsonpath('{.metadata.generation}', 'deploy', 'web')).toBe('1');
  });

  it('labels a cluster-scoped object', async () => {
    expect(await c.ok(['label', 'namespace', NS, 'team=e2e'])).toBe(`namespace/${NS} labeled\n`);
    expect(await c.jsonpath('{.metadata.labels.team}', 'ns', NS)).toBe('e2e');
  });

  it('labels several objects selected by label', async () => {
    expect(await c.ok(['label', 'pods', '-l', 'app=p', 'checked=yes'])).toBe('pod/p labeled\n');
    expect(await c.jsonpath('{.metadata.labels.checked}', 'pod', 'p')).toBe('yes');
  });

  it('adds and removes an annotation', async () => {
    expect(await c.ok(['annotate', 'pod', 'p', 'note=hello world'])).toBe('pod/p annotated\n');
    expect(await c.jsonpath('{.metadata.annotations.note}', 'pod', 'p')).toBe('hello world');
    expect(await c.ok(['annotate', 'pod', 'p', 'note-'])).toBe('pod/p annotated\n');
    expect(await c.jsonpath('{.metadata.annotations}', 'pod', 'p')).toBe('');
  });
});

describe('kubectl patch', () => {
  it('--type merge adds a key and removes one with null', async () => {
    const out = await c.ok(['patch', 'cm', 'merge', '--type', 'merge', '-p', '{"data":{"c":"3","b":null}}']);
    expect(out).toBe('configmap/merge patched\n');
    expect(await c.jsonpath('{.data}', 'cm', 'merge')).toBe('{"a":"1","c":"3"}');
  });

  it('--type json applies RFC 6902 operations in order', async () => {
    const ops = [
      { op: 'replace', path: '/data/a', value: '10' },
      { op: 'remove', path: '/data/b' },
      { op: 'add', path: '/metadata/labels', value: { patched: 'json' } },
    ];
    expect(await c.ok(['patch', 'cm', 'json', '--type', 'json', '-p', JSON.stringify(ops)])).toBe('configmap/json patched\n');
    expect(await c.jsonpath('{.data}', 'cm', 'json')).toBe('{"a":"10"}');
    expect(await c.jsonpath('{.metadata.labels.patched}', 'cm', 'json')).toBe('json');
  });

  it('the default strategic merge patch merges containers by name and bumps generation', async () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } } } };
    expect(await c.ok(['patch', 'deploy', 'smp', '-p', JSON.stringify(patch)])).toBe('deployment.apps/smp patched\n');
    const d = await c.getJson('deploy', 'smp');
    expect(d.spec.template.spec.containers).toHaveLength(1);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ name: 'app', image: 'nginx:1.28', imagePullPolicy: 'IfNotPresent' });
    expect(d.metadata.generation).toBe(2);
  });

  it('a patch that changes nothing writes nothing', async () => {
    const before = await c.jsonpath('{.metadata.resourceVersion}', 'cm', 'noop');
    const out = await c.ok(['patch', 'cm', 'noop', '--type', 'merge', '-p', '{"data":{"a":"1"}}']);
    expect(out).toBe('configmap/noop patched (no change)\n');
    expect(await c.jsonpath('{.metadata.resourceVersion}', 'cm', 'noop')).toBe(before);
  });

  it('status sent to the main resource is ignored; the status subresource takes it', async () => {
    const ignored = await c.ok(['patch', 'pod', 'p', '--type', 'merge', '-p', '{"status":{"phase":"Running"}}']);
    expect(ignored).toBe('pod/p patched (no change)\n');
    expect(await c.jsonpath('{.status.phase}', 'pod', 'p')).toBe('Pending');
    const status = '{"status":{"phase":"Running"}}';
    expect(await c.ok(['patch', 'pod', 'p', '--subresource=status', '--type', 'merge', '-p', status])).toBe('pod/p patched\n');
    expect(await c.jsonpath('{.status.phase}', 'pod', 'p')).toBe('Running');
  });

  it('a merge patch carrying a stale resourceVersion is a Conflict', async () => {
    const patch = '{"metadata":{"resourceVersion":"1"},"data":{"x":"y"}}';
    const err = await c.fails(['patch', 'cm', 'noop', '--type', 'merge', '-p', patch]);
    expect(err).toBe(`Error from server (Conflict): ${CONFLICT('configmaps "noop"')}\n`);
    expect(await c.jsonpath('{.data}', 'cm', 'noop')).toBe('{"a":"1"}');
  });
});

describe('kubectl replace', () => {
  it('replaces with the current resourceVersion, then a stale copy is a Conflict', async () => {
    const stale = await c.getJson('cm', 'cfg');
    const fresh = { ...stale, data: { v: 'two' } };
    expect(await c.ok(['replace', '-f', '-', '--validate=false'], { input: stream([fresh]) })).toBe('configmap/cfg replaced\n');
    expect(await c.jsonpath('{.data.v}', 'cm', 'cfg')).toBe('two');
    const again = { ...stale, data: { v: 'three' } };
    const err = await c.fails(['replace', '-f', '-', '--validate=false'], { input: stream([again]) });
    expect(err).toBe(`Error from server (Conflict): error when replacing "STDIN": ${CONFLICT('configmaps "cfg"')}\n`);
    expect(await c.jsonpath('{.data.v}', 'cm', 'cfg')).toBe('two');
  });

  it('replaces unconditionally when the manifest has no resourceVersion', async () => {
    const out = await c.ok(['replace', '-f', '-', '--validate=false'], { input: stream([configMap('cfg', { v: 'four' })]) });
    expect(out).toBe('configmap/cfg replaced\n');
    expect(await c.jsonpath('{.data.v}', 'cm', 'cfg')).toBe('four');
  });
});

describe('kubectl scale', () => {
  it('scales a deployment through the scale subresource', async () => {
    expect(await c.ok(['scale', 'deploy', 'web', '--replicas=3'])).toBe('deployment.apps/web scaled\n');
    expect(await c.jsonpath('{.spec.replicas} {.metadata.generation}', 'deploy', 'web')).toBe('3 2');
    const scale = JSON.parse(await c.ok(['get', '--raw', `/apis/apps/v1/namespaces/${NS}/deployments/web/scale`]));
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: NS },
      spec: { replicas: 3 },
      status: { selector: 'app=web' },
    });
  });

  it('scales replicasets and statefulsets too', async () => {
    await c.create(workload('ReplicaSet', 'rs', { replicas: 1 }), workload('StatefulSet', 'sts', { replicas: 1, spec: { serviceName: 'sts' } }));
    expect(await c.ok(['scale', 'rs/rs', 'sts/sts', '--replicas=4'])).toBe('replicaset.apps/rs scaled\nstatefulset.apps/sts scaled\n');
    expect(await c.jsonpath('{.items[*].spec.replicas}', 'rs,sts')).toBe('4 4');
  });

  it('honours --current-replicas as a precondition', async () => {
    const err = await c.fails(['scale', 'deploy', 'web', '--current-replicas=1', '--replicas=5']);
    expect(err).toBe('error: Expected replicas to be 1, was 3\n');
    expect(await c.jsonpath('{.spec.replicas}', 'deploy', 'web')).toBe('3');
  });
});

describe('server dry run', () => {
  it('create --dry-run=server validates and answers, but stores nothing', async () => {
    const out = await c.ok(['create', '-f', '-', '--validate=false', '--dry-run=server'], { input: stream([configMap('dry', { a: '1' })]) });
    expect(out).toBe('configmap/dry created (server dry run)\n');
    expect(await c.fails(['get', 'cm', 'dry'])).toBe('Error from server (NotFound): configmaps "dry" not found\n');
  });

  it('patch --dry-run=server changes nothing', async () => {
    const out = await c.ok(['patch', 'cm', 'cfg', '--type', 'merge', '-p', '{"data":{"v":"dry"}}', '--dry-run=server']);
    expect(out).toBe('configmap/cfg patched\n'); // kubectl 1.32 prints no "(server dry run)" for patch
    const labeled = await c.ok(['label', 'cm', 'cfg', 'dry=run', '--dry-run=server']);
    expect(labeled).toBe('configmap/cfg labeled (server dry run)\n');
    expect(await c.jsonpath('{.metadata.labels}', 'cm', 'cfg')).toBe('');
    expect(await c.jsonpath('{.data.v}', 'cm', 'cfg')).not.toBe('dry');
  });
});

describe('kubectl create generators (protobuf request bodies)', () => {
  it('create configmap and create deployment', async () => {
    expect(await c.ok(['create', 'configmap', 'generated', '--from-literal=a=b'])).toBe('configmap/generated created\n');
    expect(await c.jsonpath('{.data}', 'cm', 'generated')).toBe('{"a":"b"}');
    expect(await c.ok(['create', 'deployment', 'gen-deploy', '--image=nginx:1.27', '--replicas=2'])).toBe('deployment.apps/gen-deploy created\n');
    const d = await c.getJson('deploy', 'gen-deploy');
    expect(d.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'gen-deploy' } } });
    expect(d.spec.template.spec.containers).toEqual([expect.objectContaining({ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' })]);
  });
});

describe('generateName', () => {
  it('creates objects with a random suffix', async () => {
    const first = await c.create(pod('gen-', { generateName: true }));
    const second = await c.create(pod('gen-', { generateName: true }));
    const suffix = /^pod\/gen-[bcdfghjklmnpqrstvwxz2456789]{5} created\n$/;
    expect(first).toMatch(suffix);
    expect(second).toMatch(suffix);
    expect(second).not.toBe(first);
    const name = first.slice('pod/'.length, -' created\n'.length);
    expect(await c.jsonpath('{.metadata.generateName}', 'pod', name)).toBe('gen-');
  });
});
