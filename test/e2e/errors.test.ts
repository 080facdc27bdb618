/**
 * Errors as kubectl prints them, against one gantry server: validation (422 Invalid with
 * causes), NotFound, AlreadyExists, namespaces, bad selectors and bodies, and 401.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/index.js';
import { expectQuietSuccess, useCluster } from './lib/cluster.js';
import { adminToken, writeTokenKubeconfig } from './lib/kubeconfig.js';
import { configMap, deployment, namespace, pod, stream, type Manifest } from './lib/manifests.js';

const NS = 'e2e-errors';
const c = useCluster({ namespace: NS });
const scratch = tempDir('gantry-e2e-errors-');
afterAll(() => scratch.cleanup());

/** `kubectl create -f -` that must fail; resolves with stderr. */
function createFails(...objects: Manifest[]): Promise<string> {
  return c.fails(['create', '-f', '-', '--validate=false'], { input: stream(objects) });
}

describe('validation errors (422 Invalid)', () => {
  it('a pod without an image', async () => {
    expect(await createFails(pod('bad', { image: '' }))).toBe('The Pod "bad" is invalid: spec.containers[0].image: Required value\n');
    expect((await c.run(['get', 'pod', 'bad'])).code).toBe(1);
  });

  it('several causes are listed one per line', async () => {
    const bad = pod('bad2', { image: '' });
    (bad.spec as Record<string, unknown>).restartPolicy = 'Sometimes';
    expect(await createFails(bad)).toBe(
      'The Pod "bad2" is invalid: \n' +
        '* spec.containers[0].image: Required value\n' +
        '* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n',
    );
  });

  it('duplicate container names and an owner reference without a uid', async () => {
    const bad = pod('twins');
    const spec = bad.spec as { containers: Record<string, unknown>[] };
    spec.containers.push({ ...spec.containers[0] });
    (bad.metadata as Record<string, unknown>).ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '' }];
    expect(await createFails(bad)).toBe(
      'The Pod "twins" is invalid: \n' +
        '* metadata.ownerReferences.uid: Invalid value: "": uid must not be empty\n' +
        '* spec.containers[1].name: Duplicate value: "app"\n',
    );
  });

  it('an invalid object name', async () => {
    expect(await createFails(configMap('Bad_Name', {}))).toBe(
      'The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case ' +
        "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for " +
        "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
    );
  });

  it('an invalid namespace name (a DNS label)', async () => {
    expect(await createFails(namespace('bad.ns'))).toBe(
      'The Namespace "bad.ns" is invalid: metadata.name: Invalid value: "bad.ns": a lowercase RFC 1123 label must consist of lower case ' +
        "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used " +
        "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n",
    );
  });

  it('an invalid label value', async () => {
    expect(await createFails(configMap('lbl', {}, { app: 'bad value!' }))).toBe(
      'The ConfigMap "lbl" is invalid: metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of ' +
        "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  " +
        "or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
    );
  });

  it('a deployment whose selector does not match its template', async () => {
    const d = deployment('mismatch');
    (d.spec as { selector: unknown }).selector = { matchLabels: { app: 'other' } };
    expect(await createFails(d)).toBe(
      'The Deployment "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"mismatch"}: ' +
        '`selector` does not match template `labels`\n',
    );
  });

  it('changing an immutable deployment selector', async () => {
    await c.create(deployment('fixed-selector'));
    const ops = [
      { op: 'replace', path: '/spec/selector/matchLabels', value: { app: 'other' } },
      { op: 'replace', path: '/spec/template/metadata/labels', value: { app: 'other' } },
    ];
    expect(await c.fails(['patch', 'deploy', 'fixed-selector', '--type', 'json', '-p', JSON.stringify(ops)])).toBe(
      'The Deployment "fixed-selector" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, ' +
        'MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('changing a pod spec field other than the mutable ones', async () => {
    await c.create(pod('settled'));
    const err = await c.fails(['patch', 'pod', 'settled', '--type', 'merge', '-p', '{"spec":{"restartPolicy":"Never"}}']);
    expect(err).toMatch(/^The Pod "settled" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,/);
    expect(await c.jsonpath('{.spec.restartPolicy}', 'pod', 'settled')).toBe('Always');
  });

  it('a configmap over 1 MiB', async () => {
    const err = await createFails(configMap('big', { a: 'x'.repeat(1024 * 1024 + 1) }));
    expect(err).toMatch(/^The ConfigMap "big" is invalid: : Too long: (may not be more than|must have at most) 1048576 bytes\n$/);
  });

  it('changing an immutable configmap', async () => {
    await c.create({ ...configMap('frozen', { a: '1' }), immutable: true });
    const err = await c.fails(['patch', 'cm', 'frozen', '--type', 'merge', '-p', '{"data":{"a":"2"}}']);
    expect(err).toBe('The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set\n');
    expect(await c.jsonpath('{.data.a}', 'cm', 'frozen')).toBe('1');
  });
});

describe('NotFound and AlreadyExists', () => {
  it('NotFound names the resource, with its group outside the core group', async () => {
    expect(await c.fails(['get', 'pod', 'nope'])).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(await c.fails(['get', 'deploy', 'nope'])).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(await c.fails(['delete', 'cm', 'nope'])).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(await c.fails(['label', 'pod', 'nope', 'a=b'])).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('creating an object twice is AlreadyExists, and the first one is kept', async () => {
    await c.create(configMap('dup', { v: 'first' }));
    expect(await createFails(configMap('dup', { v: 'second' }))).toBe(
      'Error from server (AlreadyExists): error when creating "STDIN": configmaps "dup" already exists\n',
    );
    expect(await c.jsonpath('{.data.v}', 'cm', 'dup')).toBe('first');
  });

  it('an unknown resource type', async () => {
    expect(await c.fails(['get', 'widgets'])).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });
});

describe('namespaces', () => {
  it('creating in a missing namespace is rejected', async () => {
    const err = await c.fails(['create', '-f', '-', '--validate=false', '-n', 'nowhere'], { input: stream([configMap('lost', {})]) });
    expect(err).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n');
  });

  it('creating in a terminating namespace is rejected', async () => {
    await c.create(namespace('doomed'));
    const del = ['delete', 'ns', 'doomed', '--wait=false'];
    expect(expectQuietSuccess(del, await c.gantry.kubectl(del))).toBe('namespace "doomed" deleted\n');
    expect(await c.jsonpath('{.status.phase}', 'ns', 'doomed')).toBe('Terminating');
    const err = await c.fails(['create', '-f', '-', '--validate=false', '-n', 'doomed'], { input: stream([configMap('late', {})]) });
    expect(err).toBe(
      'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: ' +
        'unable to create new content in namespace doomed because it is being terminated\n',
    );
  });
});

describe('bad requests (400)', () => {
  it('an unsupported field selector', async () => {
    const err = await c.fails(['get', 'pods', '--field-selector', 'spec.bogus=x']);
    expect(err).toMatch(/^Error from server \(BadRequest\): .*"spec\.bogus=x".*spec\.bogus/);
  });

  it('a malformed label selector', async () => {
    expect(await c.fails(['get', 'pods', '-l', 'app in (web'])).toMatch(/^Error from server \(BadRequest\): /);
  });

  it('a malformed JSON body stores nothing', async () => {
    const err = await c.fails(['create', '--raw', `/api/v1/namespaces/${NS}/configmaps`, '-f', '-'], {
      input: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"torn"',
    });
    expect(err).toMatch(/^Error from server \(BadRequest\)/);
    expect((await c.run(['get', 'cm', 'torn'])).code).toBe(1);
  });
});

describe('other request errors', () => {
  it('a body over 3 MiB is 413 and stores nothing', async () => {
    expect(await createFails(configMap('huge', { a: 'x'.repeat(3200 * 1024) }))).toBe(
      'Error from server (RequestEntityTooLarge): error when creating "STDIN": Request entity too large: limit is 3145728\n',
    );
    expect((await c.run(['get', 'cm', 'huge'])).code).toBe(1);
  });

  it('a verb a resource does not serve is 405', async () => {
    await c.create(pod('target'));
    const err = await c.fails(['create', '--raw', `/api/v1/namespaces/${NS}/pods/target/status`, '-f', '-'], { input: '{}' });
    expect(err).toBe('Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n');
  });

  it('an unknown API path is 404', async () => {
    expect(await c.fails(['get', '--raw', '/apis/nope.example.com/v1'])).toBe(
      'Error from server (NotFound): the server could not find the requested resource\n',
    );
  });

  it('logs and exec of a pod with no node are a clear BadRequest', async () => {
    await c.create(pod('nowhere-yet'));
    const expected = 'Error from server (BadRequest): pod nowhere-yet does not have a host assigned\n';
    expect(await c.fails(['logs', 'nowhere-yet'])).toBe(expected);
    expect(await c.fails(['exec', 'nowhere-yet', '--', 'true'])).toBe(expected);
  });
});

describe('authentication', () => {
  it('a bearer token from tokens.csv is accepted', async () => {
    const kubeconfig = writeTokenKubeconfig(c.gantry, adminToken(c.gantry), { dir: scratch.path, name: 'admin-token' });
    expect(await c.ok(['get', 'ns', NS, '-o', 'name'], { kubeconfig })).toBe(`namespace/${NS}\n`);
  });

  it('an unknown bearer token gets 401', async () => {
    const kubeconfig = writeTokenKubeconfig(c.gantry, 'not-a-valid-token', { dir: scratch.path, name: 'bad-token' });
    const r = await c.run(['get', 'pods'], { kubeconfig });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: You must be logged in to the server \(Unauthorized\)$/m);
  });
});
