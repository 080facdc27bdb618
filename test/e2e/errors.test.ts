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

  it('an invalid object name', async () => {
    expect(await createFails(configMap('Bad_Name', {}))).toBe(
      'The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case ' +
        "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for " +
        "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
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
