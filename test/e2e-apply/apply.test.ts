/**
 * `kubectl create -f` with the default --validate=strict, client-side `kubectl apply`
 * (created / configured / unchanged, and fields that left the manifest), `replace` and
 * `diff`, each with kubectl 1.32 and 1.27.
 */
import { describe, expect, it } from 'vitest';
import { KUBECTLS, useGantry } from './lib/kube.js';
import { app, appYaml, configMapYaml, docs, serviceYaml } from './lib/manifests.js';

const suite = useGantry();
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

describe.each(KUBECTLS)('$name', (kb) => {
  const k = suite.kube(kb, 'apply');
  const apply = (yaml: string) => k.ok(['apply', '-f', '-'], { input: yaml });

  describe('create -f (default --validate=strict)', () => {
    it('creates a stream of objects after the OpenAPI check', async () => {
      const out = await k.ok(['create', '-f', '-'], { input: docs(configMapYaml('c1', { a: '1' }), serviceYaml('s1'), appYaml('d1')) });
      expect(out).toBe('configmap/c1 created\nservice/s1 created\ndeployment.apps/d1 created\n');
      expect(await k.jsonpath('{.data}', 'cm', 'c1')).toBe('{"a":"1"}');
      expect(await k.jsonpath('{.spec.ports[0].targetPort}', 'svc', 's1')).toBe('8080');
      const d = await k.getJson('deploy', 'd1');
      expect(d.spec.template.spec.containers[0].ports).toEqual([
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
      ]);
      expect(d.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();
    });

    it('rejects an unknown field with the strict decoding error and creates nothing', async () => {
      const bad = configMapYaml('c2', { a: '1' }) + 'bogus: 1\n';
      expect(await k.fails(['create', '-f', '-'], { input: bad })).toBe(
        'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: ' +
          'strict decoding error: unknown field "bogus"\n',
      );
      expect(await k.fails(['get', 'cm', 'c2'])).toBe('Error from server (NotFound): configmaps "c2" not found\n');
    });

    it('a second create of the same object is AlreadyExists', async () => {
      const err = await k.fails(['create', '-f', '-'], { input: configMapYaml('c1', { a: '1' }) });
      expect(err).toBe('Error from server (AlreadyExists): error when creating "STDIN": configmaps "c1" already exists\n');
    });
  });

  describe('client-side apply', () => {
    it('prints created, unchanged, configured, unchanged and keeps last-applied in step', async () => {
      expect(await apply(appYaml('web'))).toBe('deployment.apps/web created\n');
      expect(await apply(appYaml('web'))).toBe('deployment.apps/web unchanged\n');
      expect(await apply(appYaml('web', { replicas: 3, image: 'nginx:1.28' }))).toBe('deployment.apps/web configured\n');
      expect(await apply(appYaml('web', { replicas: 3, image: 'nginx:1.28' }))).toBe('deployment.apps/web unchanged\n');
      const d = await k.getJson('deploy', 'web');
      expect(d.spec.replicas).toBe(3);
      expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.28');
      expect(d.metadata.generation).toBe(2);
      const last = JSON.parse(d.metadata.annotations[LAST_APPLIED]);
      expect(last).toEqual({ ...app('web', { replicas: 3, image: 'nginx:1.28' }), metadata: { annotations: {}, name: 'web', namespace: k.ns, labels: { app: 'web' } } });
    });

    it('removes a container port and an env var that left the manifest', async () => {
      expect(await apply(appYaml('trim'))).toBe('deployment.apps/trim created\n');
      const trimmed = appYaml('trim', { ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] });
      expect(await apply(trimmed)).toBe('deployment.apps/trim configured\n');
      const c = (await k.getJson('deploy', 'trim')).spec.template.spec.containers;
      expect(c).toHaveLength(1);
      expect(c[0].ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(c[0].env).toEqual([{ name: 'MODE', value: 'prod' }]);
      expect(await apply(trimmed)).toBe('deployment.apps/trim unchanged\n');
    });

    it('removes the last port and env var, and adds new ones in manifest order', async () => {
      expect(await apply(appYaml('swap'))).toBe('deployment.apps/swap created\n');
      expect(await apply(appYaml('swap', { ports: [], env: [] }))).toBe('deployment.apps/swap configured\n');
      let c = (await k.getJson('deploy', 'swap')).spec.template.spec.containers[0];
      expect(c.ports).toBeUndefined();
      expect(c.env).toBeUndefined();
      const env = [{ name: 'B', value: '2' }, { name: 'A', value: '1' }];
      expect(await apply(appYaml('swap', { ports: [{ containerPort: 7000 }], env }))).toBe('deployment.apps/swap configured\n');
      c = (await k.getJson('deploy', 'swap')).spec.template.spec.containers[0];
      expect(c.ports).toEqual([{ containerPort: 7000, protocol: 'TCP' }]);
      expect(c.env).toEqual(env);
    });

    it('keeps a label another command added, and drops one the manifest stopped setting', async () => {
      expect(await apply(appYaml('keep', { labels: { tier: 'fe' } }))).toBe('deployment.apps/keep created\n');
      expect(await k.ok(['label', 'deploy', 'keep', 'owner=ops'])).toBe('deployment.apps/keep labeled\n');
      expect(await apply(appYaml('keep'))).toBe('deployment.apps/keep configured\n');
      expect(await k.jsonpath('{.metadata.labels}', 'deploy', 'keep')).toBe('{"app":"keep","owner":"ops"}');
    });

    it('removes a ConfigMap key that left the manifest', async () => {
      expect(await apply(configMapYaml('settings', { a: '1', b: '2' }))).toBe('configmap/settings created\n');
      expect(await apply(configMapYaml('settings', { a: '1', c: '3' }))).toBe('configmap/settings configured\n');
      expect(await k.jsonpath('{.data}', 'cm', 'settings')).toBe('{"a":"1","c":"3"}');
    });
  });

  describe('replace', () => {
    it('replaces the whole object from a manifest (strict validation) and bumps generation', async () => {
      await k.ok(['create', '-f', '-'], { input: appYaml('rep') });
      const out = await k.ok(['replace', '-f', '-'], { input: appYaml('rep', { replicas: 1, env: [] }) });
      expect(out).toBe('deployment.apps/rep replaced\n');
      const d = await k.getJson('deploy', 'rep');
      expect(d.spec.replicas).toBe(1);
      expect(d.spec.template.spec.containers[0].env).toBeUndefined();
      expect(d.metadata.generation).toBe(2);
    });

    it('fails with NotFound for a missing object and with the strict error for an unknown field', async () => {
      const missing = await k.fails(['replace', '-f', '-'], { input: configMapYaml('nope', { a: '1' }) });
      expect(missing).toBe('Error from server (NotFound): error when replacing "STDIN": configmaps "nope" not found\n');
      const bad = configMapYaml('c1', { a: '2' }) + 'bogus: 1\n';
      expect(await k.fails(['replace', '-f', '-'], { input: bad })).toBe(
        'Error from server (BadRequest): error when replacing "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: ' +
          'strict decoding error: unknown field "bogus"\n',
      );
      expect(await k.jsonpath('{.data.a}', 'cm', 'c1')).toBe('1');
    });
  });

  describe('diff', () => {
    it('exits 1 with a unified diff when the manifest differs, and changes nothing', async () => {
      await apply(appYaml('cmp'));

      const r = await k.run(['diff', '-f', '-'], { input: appYaml('cmp', { replicas: 5, image: 'nginx:1.28' }) });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^diff -u -N \\S+/apps\\.v1\\.Deployment\\.${k.ns}\\.cmp \\S+/apps\\.v1\\.Deployment\\.${k.ns}\\.cmp\n`));
      const changed = r.stdout.split('\n').filter((l) => /^[-+] /.test(l));
      expect(changed).toEqual(
        expect.arrayContaining(['-  generation: 1', '+  generation: 2', '-  replicas: 2', '+  replicas: 5', '-        image: nginx:1.27', '+        image: nginx:1.28']),
      );
      expect(await k.jsonpath('{.metadata.generation} {.spec.replicas}', 'deploy', 'cmp')).toBe('1 2');
    });

    it('exits 0 with no output when the manifest matches', async () => {
      expect(await k.ok(['diff', '-f', '-'], { input: appYaml('cmp') })).toBe('');
    });

    it('diffs a missing object against nothing, and works with --server-side', async () => {
      const r = await k.run(['diff', '-f', '-'], { input: configMapYaml('fresh', { a: '1' }) });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toContain('+kind: ConfigMap');
      expect(r.stdout).toContain('+  name: fresh');
      expect(await k.fails(['get', 'cm', 'fresh'])).toBe('Error from server (NotFound): configmaps "fresh" not found\n');
      const ss = await k.run(['diff', '--server-side', '-f', '-'], { input: appYaml('cmp', { replicas: 4 }) });
      expect(ss.code, ss.stderr).toBe(1);
      expect(ss.stdout).toContain('+  replicas: 4');
      expect(await k.jsonpath('{.spec.replicas}', 'deploy', 'cmp')).toBe('2');
    });
  });
});
