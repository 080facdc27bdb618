/**
 * `--dry-run=server` on every write verb (create, apply, apply --server-side, replace, patch,
 * label, annotate, scale, delete, set image): kubectl prints "(server dry run)", the answer
 * shows the would-be result, and nothing is stored; each with kubectl 1.32 and 1.27.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { KUBECTLS, useGantry, userView } from './lib/kube.js';
import { appYaml, configMapYaml } from './lib/manifests.js';

const suite = useGantry();
const DRY = '--dry-run=server';

describe.each(KUBECTLS)('$name', (kb) => {
  const k = suite.kube(kb, 'dry');
  let before: unknown;

  /** What users' writes change in the stored Deployment "dry" and ConfigMap "conf". */
  const snapshot = async () => {
    const list = JSON.parse(await k.ok(['get', 'deploy/dry', 'cm/conf', '-o', 'json', '--show-managed-fields']));
    return list.items.map(userView);
  };

  /**
   * Runs a dry-run write, expects its one-line output (`printed` plus " (server dry run)", which
   * kubectl patch alone leaves out: `bare`), and checks that nothing changed.
   */
  async function dryRun(args: string[], printed: string, opts: { input?: string; bare?: boolean } = {}): Promise<void> {
    const line = opts.bare ? printed : `${printed} (server dry run)`;
    expect(await k.ok([...args, DRY], { input: opts.input })).toBe(`${line}\n`);
    expect(await snapshot()).toEqual(before);
  }

  beforeAll(async () => {
    await k.ok(['apply', '-f', '-'], { input: appYaml('dry') });
    await k.ok(['create', '-f', '-'], { input: configMapYaml('conf', { a: '1' }) });
    before = await snapshot();
  });

  it('create -f and a create generator store nothing', async () => {
    await dryRun(['create', '-f', '-'], 'deployment.apps/fresh created', { input: appYaml('fresh') });
    await dryRun(['create', 'configmap', 'gen', '--from-literal=a=b'], 'configmap/gen created');
    for (const [kind, name] of [['deploy', 'fresh'], ['cm', 'gen']]) {
      expect((await k.run(['get', kind!, name!])).code).toBe(1);
    }
    const shown = JSON.parse(await k.ok(['create', '-f', '-', DRY, '-o', 'json'], { input: appYaml('fresh') }));
    expect(shown.spec.strategy.type).toBe('RollingUpdate');
    expect(shown.metadata.creationTimestamp).toBeTruthy();
  });

  it('client-side apply of a new and of a changed object stores nothing', async () => {
    await dryRun(['apply', '-f', '-'], 'deployment.apps/fresh created', { input: appYaml('fresh') });
    await dryRun(['apply', '-f', '-'], 'deployment.apps/dry configured', { input: appYaml('dry', { replicas: 5 }) });
  });

  it('apply --server-side of a new and of a changed object stores nothing', async () => {
    await dryRun(['apply', '--server-side', '-f', '-'], 'deployment.apps/fresh serverside-applied', { input: appYaml('fresh') });
    await dryRun(['apply', '--server-side', '--force-conflicts', '-f', '-'], 'deployment.apps/dry serverside-applied', { input: appYaml('dry', { replicas: 5 }) });
    expect((await k.run(['get', 'deploy', 'fresh'])).code).toBe(1);
  });

  it('replace stores nothing', async () => {
    await dryRun(['replace', '-f', '-'], 'deployment.apps/dry replaced', { input: appYaml('dry', { replicas: 6 }) });
    await dryRun(['replace', '-f', '-'], 'configmap/conf replaced', { input: configMapYaml('conf', { a: '2' }) });
  });

  it('patch answers with the patched object and stores nothing', async () => {
    // kubectl patch prints no dry-run suffix (patchOperation: "patched" or "patched (no change)").
    await dryRun(['patch', 'deploy', 'dry', '-p', '{"spec":{"replicas":7}}'], 'deployment.apps/dry patched', { bare: true });
    await dryRun(['patch', 'cm', 'conf', '--type=merge', '-p', '{"data":{"a":"9"}}'], 'configmap/conf patched', { bare: true });
    await dryRun(['patch', 'cm', 'conf', '--type=json', '-p', '[{"op":"add","path":"/data/b","value":"2"}]'], 'configmap/conf patched', { bare: true });
    await dryRun(['patch', 'cm', 'conf', '--type=merge', '-p', '{"data":{"a":"1"}}'], 'configmap/conf patched (no change)', { bare: true });
    const shown = await k.ok(['patch', 'deploy', 'dry', '-p', '{"spec":{"replicas":7}}', DRY, '-o', 'jsonpath={.spec.replicas} {.metadata.generation}']);
    expect(shown).toBe('7 2');
    expect(await snapshot()).toEqual(before);
  });

  it('label and annotate store nothing', async () => {
    await dryRun(['label', 'deploy', 'dry', 'tier=fe'], 'deployment.apps/dry labeled');
    await dryRun(['label', 'deploy', 'dry', 'app=other', '--overwrite'], 'deployment.apps/dry labeled');
    // kubectl 1.27 itself prints "annotate" rather than "annotated" in dry-run mode.
    await dryRun(['annotate', 'cm', 'conf', 'note=x'], `configmap/conf ${kb.tag === '127' ? 'annotate' : 'annotated'}`);
  });

  it('scale stores nothing', async () => {
    await dryRun(['scale', 'deploy', 'dry', '--replicas=9'], 'deployment.apps/dry scaled');
  });

  it('set image stores nothing', async () => {
    await dryRun(['set', 'image', 'deploy/dry', 'app=nginx:1.29'], 'deployment.apps/dry image updated');
  });

  it('delete stores nothing', async () => {
    await dryRun(['delete', 'deploy', 'dry'], 'deployment.apps "dry" deleted');
    await dryRun(['delete', '-f', '-'], 'configmap "conf" deleted', { input: configMapYaml('conf', { a: '1' }) });
  });
});
