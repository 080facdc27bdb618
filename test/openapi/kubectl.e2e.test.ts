/**
 * The OpenAPI documents and field validation judged by the stock kubectl: create -f and apply with
 * the default --validate=strict, client-side apply computing strategic merge patches from our
 * schemas with no warnings, explain, and the strict decoding errors.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type KubectlResult } from '../support/index.js';
import { startOpenApiTarget, type OpenApiTarget } from './harness.js';
import { APPLY_CASES, DEPLOYMENT } from './manifests.js';

const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';

let t: OpenApiTarget;
const work = tempDir('gantry-openapi-edit-');

beforeAll(async () => {
  t = await startOpenApiTarget();
}, 60_000);

afterAll(async () => {
  await t?.dispose();
  work.cleanup();
});

function describeRun(args: readonly string[], r: KubectlResult): string {
  return `kubectl ${args.join(' ')}\n  exit code: ${r.code}\n  stdout: ${r.stdout}\n  stderr: ${r.stderr}`;
}

/** kubectl that must succeed with nothing on stderr (no warnings); resolves with stdout. */
async function ok(args: readonly string[], input?: string, bin?: string): Promise<string> {
  const r = await t.kubectl(args, { input, bin });
  if (r.code !== 0 || r.stderr !== '') throw new Error(`expected a quiet success:\n${describeRun(args, r)}`);
  return r.stdout;
}

/** kubectl that must fail; resolves with stderr. */
async function fails(args: readonly string[], input?: string, bin?: string): Promise<string> {
  const r = await t.kubectl(args, { input, bin });
  if (r.code === 0) throw new Error(`expected a failure:\n${describeRun(args, r)}`);
  return r.stderr;
}

describe('kubectl create -f (default --validate=strict)', () => {
  it('creates objects after checking the OpenAPI document', async () => {
    expect(await ok(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: "1"}\n')).toBe('configmap/plain created\n');
  });

  it('fails on an unknown field with the strict decoding error', async () => {
    const bad = DEPLOYMENT.replace('name: web\n', 'name: typo\n').replace('imagePullPolicy: IfNotPresent', 'imagePullPolicyy: IfNotPresent');
    expect(await fails(['create', '-f', '-'], bad)).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: ' +
        'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n',
    );
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\nbogus: 1\n';
    expect(await fails(['create', '-f', '-'], cm)).toContain('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
  });

  it('warns and drops unknown fields with --validate=warn', async () => {
    const r = await t.kubectl(['create', '--validate=warn', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: warned, bogus: x}\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Warning: unknown field "metadata.bogus"\n');
    expect(await ok(['get', 'configmap', 'warned', '-o', 'jsonpath={.metadata}'])).not.toContain('bogus');
  });
});

describe('kubectl apply (client-side, strategic merge patch from the v3 schemas)', () => {
  it('creates, leaves unchanged and configures every common kind without a warning', async () => {
    for (const c of APPLY_CASES) {
      expect(await ok(['apply', '-f', '-'], c.yaml), c.name).toBe(`${c.printed} created\n`);
      expect(await ok(['apply', '-f', '-'], c.yaml), c.name).toBe(`${c.printed} unchanged\n`);
      expect(await ok(['apply', '-f', '-'], c.changed), c.name).toBe(`${c.printed} configured\n`);
      expect(await ok(['apply', '-f', '-'], c.changed), c.name).toBe(`${c.printed} unchanged\n`);
    }
  }, 180_000);

  it('removes a container port and an env var that left the manifest', async () => {
    const yaml = DEPLOYMENT.replace('name: web\n', 'name: trim\n');
    expect(await ok(['apply', '-f', '-'], yaml)).toBe('deployment.apps/trim created\n');
    const trimmed = yaml.replace(/ {8}- \{name: http, containerPort: 8080, protocol: TCP\}\n/, '        - {containerPort: 9090}\n').replace(/ {8}- \{name: MODE, value: prod\}\n/, '');
    expect(await ok(['apply', '-f', '-'], trimmed)).toBe('deployment.apps/trim configured\n');
    const c = JSON.parse(await ok(['get', 'deployment', 'trim', '-o', 'jsonpath={.spec.template.spec.containers[0]}']));
    expect(c.ports).toEqual([{ containerPort: 9090, protocol: 'TCP' }]);
    expect(c.env.map((e: { name: string }) => e.name)).toEqual(['POD_NAME']);
  });
});

describe('kubectl explain', () => {
  it('prints the descriptions and fields of deployment.spec.strategy', async () => {
    const out = await ok(['explain', 'deployment.spec.strategy']);
    expect(out).toContain('KIND:       Deployment');
    expect(out).toMatch(/FIELD: +strategy <DeploymentStrategy>/);
    expect(out).toContain('The deployment strategy used to replace existing pods with new ones.');
    expect(out).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
  });

  it('follows references through lists and maps, and marks required fields', async () => {
    const out = await ok(['explain', 'pods.spec.containers']);
    expect(out).toMatch(/name\s+<string> -required-/);
    expect(out).toMatch(/resources\s+<ResourceRequirements>/);
    expect(await ok(['explain', 'pod.spec.containers.resources.limits'])).toMatch(/FIELD: +limits <map\[string\]Quantity>/);
    expect(await ok(['explain', 'svc.spec.ports.targetPort'])).toMatch(/FIELD: +targetPort <IntOrString>/);
  });
});

describe('kubectl replace and edit', () => {
  it('replace -f and a scripted edit send fieldValidation=Strict and succeed', async () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: edited}\ndata: {a: "1"}\n';
    await ok(['create', '-f', '-'], yaml);
    expect(await ok(['replace', '-f', '-'], yaml.replace('a: "1"', 'a: "2"'))).toBe('configmap/edited replaced\n');
    const editor = join(work.path, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i \'s/a: "2"/a: "3"/\' "$1"\n', { mode: 0o755 });
    const r = await t.kubectl(['edit', 'configmap', 'edited'], { env: { KUBE_EDITOR: editor, EDITOR: editor } });
    expect(r.code, describeRun(['edit'], r)).toBe(0);
    expect(r.stdout).toBe('configmap/edited edited\n');
    expect(await ok(['get', 'configmap', 'edited', '-o', 'jsonpath={.data.a}'])).toBe('3');
  });
});

describe.skipIf(!existsSync(KUBECTL_127))('kubectl 1.27 (strategic merge patches from the v2 document)', () => {
  it('creates, leaves unchanged and configures every common kind without a warning', async () => {
    await ok(['create', 'namespace', 'old127'], undefined, KUBECTL_127);
    const args = ['--namespace=old127', 'apply', '-f', '-'];
    for (const c of APPLY_CASES) {
      expect(await ok(args, c.yaml, KUBECTL_127), c.name).toBe(`${c.printed} created\n`);
      expect(await ok(args, c.yaml, KUBECTL_127), c.name).toBe(`${c.printed} unchanged\n`);
      expect(await ok(args, c.changed, KUBECTL_127), c.name).toBe(`${c.printed} configured\n`);
    }
  }, 180_000);

  it('creates, applies and rejects unknown fields', async () => {
    const yaml = DEPLOYMENT.replace('name: web\n', 'name: old\n');
    expect(await ok(['apply', '-f', '-'], yaml, KUBECTL_127)).toBe('deployment.apps/old created\n');
    expect(await ok(['apply', '-f', '-'], yaml, KUBECTL_127)).toBe('deployment.apps/old unchanged\n');
    expect(await ok(['apply', '-f', '-'], yaml.replace('replicas: 2', 'replicas: 1'), KUBECTL_127)).toBe('deployment.apps/old configured\n');
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad127}\nbogus: 1\n';
    expect(await fails(['create', '-f', '-'], bad, KUBECTL_127)).toContain('strict decoding error: unknown field "bogus"');
    expect(await ok(['explain', 'deployment.spec.strategy'], undefined, KUBECTL_127)).toContain('The deployment strategy used to replace existing pods with new ones.');
  }, 60_000);
});
