/**
 * `kubectl edit` with a scripted KUBE_EDITOR (a shell script that rewrites the file with sed):
 * an image change, "Edit cancelled, no changes made." when nothing changed, and an invalid edit
 * that the server rejects; each with kubectl 1.32 and 1.27.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KUBECTLS, describeRun, useGantry } from './lib/kube.js';
import { appYaml, configMapYaml, docs } from './lib/manifests.js';

const suite = useGantry();

describe.each(KUBECTLS)('$name', (kb) => {
  const k = suite.kube(kb, 'edit');

  /** An editor script that runs `sed -i <expr>` on the file (no expression: leaves it alone). */
  function editor(name: string, sedExpr?: string): string {
    const body = sedExpr ? `sed -i '${sedExpr}' "$1"\n` : 'exit 0\n';
    return k.file(`${name}.sh`, `#!/bin/sh\n${body}`, 0o755);
  }

  /** kubectl edit with the given editor; kubectl's own temp files stay in the scratch directory. */
  const edit = (script: string, ...args: string[]) => k.run(['edit', ...args], { env: { KUBE_EDITOR: script, EDITOR: script, TMPDIR: k.dir } });

  beforeAll(async () => {
    await k.ok(['create', '-f', '-'], { input: docs(appYaml('ed'), configMapYaml('conf', { mode: 'dev' })) });
  });

  it('changes an image through the editor and keeps the other fields', async () => {
    const r = await edit(editor('image', 's/image: nginx:1.27/image: nginx:1.28/'), 'deploy', 'ed');
    expect(r.code, describeRun(['edit'], r)).toBe(0);
    expect(r.stdout).toBe('deployment.apps/ed edited\n');
    expect(r.stderr).toBe('');
    const d = await k.getJson('deploy', 'ed');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(d.spec.template.spec.containers[0].ports).toHaveLength(2);
    expect(d.metadata.generation).toBe(2);
    const managers = await k.ok(['get', 'deploy', 'ed', '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].manager}']);
    expect(managers.split(' ')).toContain('kubectl-edit');
  });

  it('edits a ConfigMap given as type/name', async () => {
    const r = await edit(editor('conf', 's/mode: dev/mode: prod/'), 'configmap/conf');
    expect(r.code, describeRun(['edit'], r)).toBe(0);
    expect(r.stdout).toBe('configmap/conf edited\n');
    expect(await k.jsonpath('{.data.mode}', 'cm', 'conf')).toBe('prod');
  });

  it('prints "Edit cancelled, no changes made." when the editor changes nothing', async () => {
    const before = await k.jsonpath('{.metadata.generation}', 'deploy', 'ed');
    const rv = await k.jsonpath('{.metadata.resourceVersion}', 'cm', 'conf');
    for (const target of ['deploy/ed', 'cm/conf']) {
      const r = await edit(editor('noop'), target);
      expect(r.code, describeRun(['edit', target], r)).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('Edit cancelled, no changes made.\n');
    }
    expect(await k.jsonpath('{.metadata.generation}', 'deploy', 'ed')).toBe(before);
    expect(await k.jsonpath('{.metadata.resourceVersion}', 'cm', 'conf')).toBe(rv);
  });

  it('an invalid edit is rejected with the validation error and changes nothing', async () => {
    const r = await edit(editor('bad', 's/replicas: 2/replicas: -1/'), 'deploy', 'ed');
    expect(r.code, describeRun(['edit'], r)).toBe(1);
    expect(r.stderr).toContain('error: deployments.apps "ed" is invalid\n');
    expect(r.stderr).toContain('error: Edit cancelled, no valid changes were saved.\n');
    const copy = /A copy of your changes has been stored to "([^"]+)"/.exec(r.stderr)?.[1];
    expect(copy?.startsWith(k.dir)).toBe(true);
    const saved = readFileSync(copy!, 'utf8');
    expect(saved).toContain('# deployments.apps "ed" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(await k.jsonpath('{.spec.replicas}', 'deploy', 'ed')).toBe('2');
  });
});
