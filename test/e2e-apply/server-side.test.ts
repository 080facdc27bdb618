/**
 * `kubectl apply --server-side`: create when missing, managedFields, the conflict after
 * `kubectl scale` printed exactly as against a real cluster, `--force-conflicts` taking
 * ownership, shared ownership between appliers, fields an applier dropped, and the upgrade
 * from client-side apply; each with kubectl 1.32 and 1.27.
 */
import { describe, expect, it } from 'vitest';
import { KUBECTLS, byTestCommands, defaultManager, useGantry, type Kube } from './lib/kube.js';
import { appYaml, configMapYaml } from './lib/manifests.js';

const suite = useGantry();

/** What kubectl prints after a conflict message (the same in 1.27 and 1.32). */
const CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

interface ManagedEntry {
  manager: string;
  operation: string;
  apiVersion: string;
  time: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** The managedFields entries this file's commands wrote (controllers' entries left out). */
async function managedFields(k: Kube, name: string): Promise<ManagedEntry[]> {
  const d = await k.ok(['get', 'deploy', name, '--show-managed-fields', '-o', 'json']);
  return (JSON.parse(d).metadata.managedFields as ManagedEntry[]).filter(byTestCommands);
}

/** The managers, as `name/operation[/subresource]`. */
async function owners(k: Kube, name: string): Promise<string[]> {
  return (await managedFields(k, name)).map((e) => [e.manager, e.operation, e.subresource].filter(Boolean).join('/'));
}

const IMAGE_PATH = '.spec.template.spec.containers[name="app"].image';

describe.each(KUBECTLS)('$name', (kb) => {
  const k = suite.kube(kb, 'ssa');
  const ssa = (yaml: string, ...flags: string[]) => k.ok(['apply', '--server-side', ...flags, '-f', '-'], { input: yaml });
  const ssaFails = (yaml: string, ...flags: string[]) => k.fails(['apply', '--server-side', ...flags, '-f', '-'], { input: yaml });

  it('creates a missing object with an Apply entry owning exactly the manifest fields', async () => {
    expect(await ssa(appYaml('web'))).toBe('deployment.apps/web serverside-applied\n');
    const [entry, ...rest] = await managedFields(k, 'web');
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    expect(entry!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const container = { 'f:name': {}, 'f:image': {} } as Record<string, unknown>;
    const spec = (entry!.fieldsV1['f:spec'] as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(spec).sort()).toEqual(['f:replicas', 'f:selector', 'f:template']);
    // A LabelSelector is atomic (+structType=atomic): owned as one field.
    expect(spec['f:selector']).toEqual({});
    const c = spec['f:template']['f:spec']['f:containers']['k:{"name":"app"}'];
    expect(c).toMatchObject({ '.': {}, ...container });
    // Container ports are a list map keyed by containerPort and protocol (defaulted to TCP).
    expect(Object.keys(c['f:ports'])).toEqual(['k:{"containerPort":8080,"protocol":"TCP"}', 'k:{"containerPort":9090,"protocol":"TCP"}']);
    expect(c['f:env']['k:{"name":"MODE"}']).toEqual({ '.': {}, 'f:name': {}, 'f:value': {} });
    expect(entry!.fieldsV1['f:metadata']).toEqual({ 'f:labels': { 'f:app': {} } });
  });

  it('reapplying the same manifest writes nothing', async () => {
    // A ConfigMap: no controller writes it, so an unchanged resourceVersion means no write.
    expect(await ssa(configMapYaml('same', { a: '1' }))).toBe('configmap/same serverside-applied\n');
    const rv = await k.jsonpath('{.metadata.resourceVersion}', 'cm', 'same');
    expect(await ssa(configMapYaml('same', { a: '1' }))).toBe('configmap/same serverside-applied\n');
    expect(await k.jsonpath('{.metadata.resourceVersion}', 'cm', 'same')).toBe(rv);
  });

  it('conflicts after kubectl scale exactly as a real cluster does, then --force-conflicts takes ownership', async () => {
    expect(await k.ok(['scale', 'deploy', 'web', '--replicas=3'])).toBe('deployment.apps/web scaled\n');
    const scaler = defaultManager(kb);
    const scaled = await managedFields(k, 'web');
    expect(scaled.map((e) => e.manager)).toEqual(['kubectl', scaler]);
    expect(scaled[1]).toMatchObject({ operation: 'Update', subresource: 'scale', apiVersion: 'apps/v1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    expect(JSON.stringify(scaled[0]!.fieldsV1)).not.toContain('f:replicas');

    const message = `Apply failed with 1 conflict: conflict with "${scaler}" with subresource "scale" using apps/v1: .spec.replicas`;
    expect(await ssaFails(appYaml('web'))).toBe(`error: ${message}\n${CONFLICT_HELP}`);
    expect(await k.jsonpath('{.spec.replicas}', 'deploy', 'web')).toBe('3');

    expect(await ssa(appYaml('web'), '--force-conflicts')).toBe('deployment.apps/web serverside-applied\n');
    expect(await k.jsonpath('{.spec.replicas}', 'deploy', 'web')).toBe('2');
    const forced = await managedFields(k, 'web');
    expect(forced.map((e) => e.manager)).toEqual(['kubectl']);
    expect(forced[0]!.operation).toBe('Apply');
    expect(forced[0]!.fieldsV1['f:spec']).toHaveProperty('f:replicas');
    expect(await ssa(appYaml('web'))).toBe('deployment.apps/web serverside-applied\n');
  });

  it('removes a container port and an env var the applier stopped setting', async () => {
    const trimmed = appYaml('web', { ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] });
    expect(await ssa(trimmed)).toBe('deployment.apps/web serverside-applied\n');
    const c = (await k.getJson('deploy', 'web')).spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }]);
    const [entry] = await managedFields(k, 'web');
    expect(JSON.stringify(entry!.fieldsV1)).not.toMatch(/9090|DEBUG/);
  });

  it('a second applier of equal values shares ownership', async () => {
    expect(await ssa(appYaml('shared'))).toBe('deployment.apps/shared serverside-applied\n');
    expect(await ssa(appYaml('shared'), '--field-manager=other')).toBe('deployment.apps/shared serverside-applied\n');
    expect(await owners(k, 'shared')).toEqual(['kubectl/Apply', 'other/Apply']);
  });

  it('names another applier without "using <version>" in conflicts, one line per field', async () => {
    const one = await ssaFails(appYaml('shared', { image: 'nginx:1.28' }), '--field-manager=other');
    expect(one).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl": ${IMAGE_PATH}\n${CONFLICT_HELP}`);
    const two = await ssaFails(appYaml('shared', { image: 'nginx:1.28', replicas: 4 }), '--field-manager=other');
    expect(two).toBe(`error: Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- ${IMAGE_PATH}\n${CONFLICT_HELP}`);
    expect(await k.jsonpath('{.spec.template.spec.containers[0].image}', 'deploy', 'shared')).toBe('nginx:1.27');
  });

  it('a field stays while another applier still owns it', async () => {
    // "other" co-owns everything (previous test); kubectl drops the env list, other keeps it.
    expect(await ssa(appYaml('shared', { env: [] }))).toBe('deployment.apps/shared serverside-applied\n');
    const c = (await k.getJson('deploy', 'shared')).spec.template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'DEBUG', value: '0' }]);
  });

  it('upgrades an object made by client-side apply without conflicts', async () => {
    expect(await k.ok(['apply', '-f', '-'], { input: appYaml('csa') })).toBe('deployment.apps/csa created\n');
    expect(await ssa(appYaml('csa', { replicas: 4 }))).toBe('deployment.apps/csa serverside-applied\n');
    expect(await k.jsonpath('{.spec.replicas}', 'deploy', 'csa')).toBe('4');
    expect(await owners(k, 'csa')).toContain('kubectl/Apply');
  });
});
