/**
 * Server-side apply and field ownership on the kinds users touch most (Deployment, Pod,
 * Service, ConfigMap), table-driven: each case is a sequence of applies and updates by named
 * managers, and states the conflict, the resulting object and who owns which fields, as
 * kube-apiserver (structured-merge-diff) would.
 */
import { describe, expect, it } from 'vitest';
import { isConflict, type ApiError } from '../errors/api-error.js';
import { builtinPatchMeta } from '../patch/patch-meta.js';
import { type FieldSet, members, pathString } from './fieldset.js';
import { applyConfig, trackUpdate } from './managed-fields.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An apply by `apply`, an update (PUT/patch/scale/status) by `update`, or a create by `create`. */
type Step =
  | { apply: string; config: Obj; force?: boolean }
  | { update: string; change: (o: Obj) => void; subresource?: string }
  | { create: string; object: Obj };

interface Case {
  title: string;
  steps: Step[];
  /** The last step must fail with exactly this conflict message. */
  conflict?: string;
  /** Fields the final object must have (toMatchObject). */
  object?: Obj;
  /**
   * The managedFields entries as `manager/Operation[/subresource]`, in kube-apiserver's order:
   * Apply before Update, then by time (all steps here share one), then by manager name.
   */
  managers?: string[];
  /** Paths (as kube-apiserver prints them) each manager must own, keyed like `managers`. */
  owns?: Record<string, string[]>;
  /** Paths a manager must not own. */
  notOwns?: Record<string, string[]>;
}

const NOW = new Date('2026-01-02T03:04:05Z');

function entryName(e: Obj): string {
  return [e.manager, e.operation, e.subresource].filter(Boolean).join('/');
}

function owned(obj: Obj | undefined, who: string): string[] {
  const entry = (obj?.metadata?.managedFields ?? []).find((e: Obj) => entryName(e) === who);
  if (!entry) throw new Error(`no managedFields entry ${who}; have ${JSON.stringify(obj?.metadata?.managedFields?.map(entryName))}`);
  return members(entry.fieldsV1 as FieldSet).map(pathString);
}

function runSteps(steps: Step[], apiVersion: string): { live: Obj | undefined; error?: ApiError } {
  let live: Obj | undefined;
  const base = { apiVersion, meta: builtinPatchMeta, now: NOW };
  for (const [i, s] of steps.entries()) {
    if ('create' in s) {
      live = structuredClone(s.object);
      trackUpdate(undefined, live, { ...base, manager: s.create });
    } else if ('update' in s) {
      const next = structuredClone(live!);
      s.change(next);
      trackUpdate(live, next, { ...base, manager: s.update, subresource: s.subresource });
      live = next;
    } else {
      try {
        live = applyConfig(live, s.config, { ...base, manager: s.apply, force: s.force });
      } catch (e) {
        if (i === steps.length - 1) return { live, error: e as ApiError };
        throw e;
      }
    }
  }
  return { live };
}

function run(apiVersion: string, cases: Case[]): void {
  it.each(cases)('$title', (c) => {
    const { live, error } = runSteps(c.steps, apiVersion);
    if (c.conflict !== undefined) {
      expect(error, 'the last step should conflict').toBeDefined();
      expect(isConflict(error)).toBe(true);
      expect(error!.status.message).toBe(c.conflict);
    } else if (error) {
      throw error;
    }
    if (c.object) expect(live).toMatchObject(c.object);
    if (c.managers) expect((live?.metadata?.managedFields ?? []).map(entryName)).toEqual(c.managers);
    for (const [who, paths] of Object.entries(c.owns ?? {})) expect(owned(live, who)).toEqual(expect.arrayContaining(paths));
    for (const [who, paths] of Object.entries(c.notOwns ?? {})) {
      const have = owned(live, who);
      for (const p of paths) expect(have, `${who} should not own ${p}`).not.toContain(p);
    }
  });
}

interface AppOptions {
  replicas?: number;
  image?: string;
  env?: Obj[];
  ports?: Obj[];
  sidecar?: boolean;
  labels?: Obj;
}

/** A Deployment configuration as a user writes it (no server defaults). */
function deploy(opts: AppOptions = {}): Obj {
  const app: Obj = { name: 'app', image: opts.image ?? 'nginx:1.27' };
  app.ports = opts.ports ?? [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }];
  app.env = opts.env ?? [{ name: 'MODE', value: 'prod' }, { name: 'DEBUG', value: '0' }];
  const containers = [app, ...(opts.sidecar ? [{ name: 'sidecar', image: 'busybox:1.36' }] : [])];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', ...opts.labels } },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
    },
  };
}

const C = '.spec.template.spec.containers[name="app"]';
const setReplicas = (n: number) => (o: Obj) => (o.spec.replicas = n);
const setImage = (image: string) => (o: Obj) => (o.spec.template.spec.containers[0].image = image);

describe('server-side apply: Deployment', () => {
  run('apps/v1', [
    {
      title: 'an apply creates the object and owns exactly its configuration',
      steps: [{ apply: 'kubectl', config: deploy() }],
      managers: ['kubectl/Apply'],
      object: { spec: { replicas: 2 }, metadata: { labels: { app: 'web' } } },
      owns: {
        'kubectl/Apply': [
          '.metadata.labels.app',
          '.spec.replicas',
          '.spec.selector',
          '.spec.template.metadata.labels.app',
          C,
          `${C}.image`,
          `${C}.env[name="MODE"].value`,
          `${C}.ports[containerPort=8080,protocol="TCP"].containerPort`,
        ],
      },
      notOwns: { 'kubectl/Apply': ['.metadata.name', '.metadata.namespace', '.spec.selector.matchLabels.app'] },
    },
    {
      title: 'after kubectl scale, applying other replicas conflicts with the scale subresource manager',
      steps: [{ apply: 'kubectl', config: deploy() }, { update: 'kubectl', subresource: 'scale', change: setReplicas(3) }, { apply: 'kubectl', config: deploy() }],
      conflict: 'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
      object: { spec: { replicas: 3 } },
      managers: ['kubectl/Apply', 'kubectl/Update/scale'],
      owns: { 'kubectl/Update/scale': ['.spec.replicas'] },
      notOwns: { 'kubectl/Apply': ['.spec.replicas'] },
    },
    {
      title: 'force takes the field back, and the emptied scale entry goes',
      steps: [{ apply: 'kubectl', config: deploy() }, { update: 'kubectl', subresource: 'scale', change: setReplicas(3) }, { apply: 'kubectl', config: deploy(), force: true }],
      object: { spec: { replicas: 2 } },
      managers: ['kubectl/Apply'],
      owns: { 'kubectl/Apply': ['.spec.replicas'] },
    },
    {
      title: 'applying the value a scale set shares the field with the scaler',
      steps: [{ apply: 'kubectl', config: deploy() }, { update: 'kubectl', subresource: 'scale', change: setReplicas(3) }, { apply: 'kubectl', config: deploy({ replicas: 3 }) }],
      managers: ['kubectl/Apply', 'kubectl/Update/scale'],
      owns: { 'kubectl/Apply': ['.spec.replicas'], 'kubectl/Update/scale': ['.spec.replicas'] },
    },
    {
      title: 'an update that changes an applied image takes it, and re-applying the old image conflicts',
      steps: [{ apply: 'kubectl', config: deploy() }, { update: 'kubectl-set', change: setImage('nginx:1.28') }, { apply: 'kubectl', config: deploy() }],
      conflict: `Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: ${C}.image`,
      notOwns: { 'kubectl/Apply': [`${C}.image`] },
      owns: { 'kubectl-set/Update': [`${C}.image`] },
    },
    {
      title: 'a second applier with another value conflicts with the first, named without "using"',
      steps: [{ apply: 'kubectl', config: deploy() }, { apply: 'ci', config: deploy({ replicas: 5 }) }],
      conflict: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas',
    },
    {
      title: 'conflicts with several managers are grouped per manager, sorted by name',
      steps: [
        { apply: 'kubectl', config: deploy() },
        { update: 'scaler', subresource: 'scale', change: setReplicas(3) },
        { apply: 'ci', config: deploy({ replicas: 5, image: 'nginx:1.29' }) },
      ],
      conflict:
        'Apply failed with 2 conflicts: conflicts with "kubectl":\n' +
        `- ${C}.image\n` +
        'conflicts with "scaler" with subresource "scale" using apps/v1:\n' +
        '- .spec.replicas',
    },
    {
      title: 'a forced apply by a second applier moves the field',
      steps: [{ apply: 'kubectl', config: deploy() }, { apply: 'ci', config: { ...deploy({ replicas: 5 }), metadata: { name: 'web' } }, force: true }],
      object: { spec: { replicas: 5 } },
      managers: ['ci/Apply', 'kubectl/Apply'],
      owns: { 'ci/Apply': ['.spec.replicas'] },
      notOwns: { 'kubectl/Apply': ['.spec.replicas'] },
    },
    {
      title: 'a container port and an env var the applier dropped are removed',
      steps: [{ apply: 'kubectl', config: deploy() }, { apply: 'kubectl', config: deploy({ ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] }) }],
      object: { spec: { template: { spec: { containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'MODE', value: 'prod' }] }] } } } },
      notOwns: { 'kubectl/Apply': [`${C}.env[name="DEBUG"]`, `${C}.ports[containerPort=9090,protocol="TCP"]`] },
    },
    {
      title: 'a dropped container goes with all its fields',
      steps: [{ apply: 'kubectl', config: deploy({ sidecar: true }) }, { apply: 'kubectl', config: deploy() }],
      object: { spec: { template: { spec: { containers: [{ name: 'app' }] } } } },
    },
    {
      title: 'a field dropped by one applier stays while another applier owns it',
      steps: [{ apply: 'a', config: deploy() }, { apply: 'b', config: deploy() }, { apply: 'a', config: deploy({ env: [{ name: 'MODE', value: 'prod' }] }) }],
      object: { spec: { template: { spec: { containers: [{ env: [{ name: 'MODE', value: 'prod' }, { name: 'DEBUG', value: '0' }] }] } } } },
      managers: ['a/Apply', 'b/Apply'],
      owns: { 'b/Apply': [`${C}.env[name="DEBUG"].value`] },
    },
    {
      title: 'a label another command added survives an apply that never set it',
      steps: [{ apply: 'kubectl', config: deploy() }, { update: 'kubectl-label', change: (o) => (o.metadata.labels.team = 'x') }, { apply: 'kubectl', config: deploy({ replicas: 4 }) }],
      object: { metadata: { labels: { app: 'web', team: 'x' } }, spec: { replicas: 4 } },
      owns: { 'kubectl-label/Update': ['.metadata.labels.team'] },
    },
  ]);

  it('records the apply time and apiVersion, and leaves the time alone when nothing it owns changed', () => {
    const opts = { manager: 'kubectl', apiVersion: 'apps/v1', meta: builtinPatchMeta };
    const first: Obj = applyConfig(undefined, deploy(), { ...opts, now: NOW });
    const same: Obj = applyConfig(first, deploy(), { ...opts, now: new Date('2026-02-03T04:05:06Z') });
    expect(same.metadata.managedFields).toEqual(first.metadata.managedFields);
    expect(first.metadata.managedFields[0]).toMatchObject({ time: '2026-01-02T03:04:05Z', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
  });
});

function pod(labels: Obj = { app: 'p' }, image = 'nginx:1.27'): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels }, spec: { containers: [{ name: 'app', image }] } };
}

describe('server-side apply: Pod', () => {
  run('v1', [
    {
      title: 'status written through /status is owned apart, and a spec apply leaves it alone',
      steps: [
        { apply: 'kubectl', config: pod() },
        { update: 'kubelet', subresource: 'status', change: (o) => (o.status = { phase: 'Running' }) },
        { apply: 'kubectl', config: pod(undefined, 'nginx:1.28') },
      ],
      object: { status: { phase: 'Running' }, spec: { containers: [{ image: 'nginx:1.28' }] } },
      managers: ['kubectl/Apply', 'kubelet/Update/status'],
      owns: { 'kubelet/Update/status': ['.status.phase'] },
      notOwns: { 'kubectl/Apply': ['.status.phase'] },
    },
    {
      title: 'status in an applied configuration of the main resource is ignored',
      steps: [{ apply: 'kubectl', config: { ...pod(), status: { phase: 'Failed' } } }],
      notOwns: { 'kubectl/Apply': ['.status.phase'] },
    },
    {
      title: 'changing a label kubectl label set conflicts with it',
      steps: [{ apply: 'kubectl', config: pod() }, { update: 'kubectl-label', change: (o) => (o.metadata.labels.team = 'x') }, { apply: 'kubectl', config: pod({ app: 'p', team: 'y' }) }],
      conflict: 'Apply failed with 1 conflict: conflict with "kubectl-label" using v1: .metadata.labels.team',
    },
    {
      title: 'forcing it takes the label, and the labeler entry goes',
      steps: [
        { apply: 'kubectl', config: pod() },
        { update: 'kubectl-label', change: (o) => (o.metadata.labels.team = 'x') },
        { apply: 'kubectl', config: pod({ app: 'p', team: 'y' }), force: true },
      ],
      object: { metadata: { labels: { app: 'p', team: 'y' } } },
      managers: ['kubectl/Apply'],
    },
    {
      title: 'an object made by kubectl create (an Update) can be applied over with equal values',
      steps: [{ create: 'kubectl-create', object: pod() }, { apply: 'kubectl', config: pod() }],
      managers: ['kubectl/Apply', 'kubectl-create/Update'],
      owns: { 'kubectl-create/Update': [`.spec.containers[name="app"].image`], 'kubectl/Apply': [`.spec.containers[name="app"].image`] },
    },
  ]);
});

function svc(ports: Obj[] = [{ name: 'http', port: 80, targetPort: 8080 }], selector: Obj = { app: 'web' }): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector, ports } };
}

const TWO_PORTS = [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }];

describe('server-side apply: Service', () => {
  run('v1', [
    {
      title: 'ports are keyed by port and protocol; the selector is one atomic field',
      steps: [{ apply: 'kubectl', config: svc() }],
      owns: { 'kubectl/Apply': ['.spec.ports[port=80,protocol="TCP"].targetPort', '.spec.selector'] },
      notOwns: { 'kubectl/Apply': ['.spec.selector.app'] },
    },
    {
      title: 'a port the applier dropped is removed',
      steps: [{ apply: 'kubectl', config: svc(TWO_PORTS) }, { apply: 'kubectl', config: svc() }],
      object: { spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
    },
    {
      title: 'an edit adding a selector key takes the whole selector, so re-applying conflicts on it',
      steps: [{ apply: 'kubectl', config: svc() }, { update: 'kubectl-edit', change: (o) => (o.spec.selector.tier = 'fe') }, { apply: 'kubectl', config: svc() }],
      conflict: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .spec.selector',
    },
    {
      title: 'changing a targetPort another applier set conflicts on the keyed path',
      steps: [{ apply: 'kubectl', config: svc() }, { apply: 'ops', config: svc([{ port: 80, targetPort: 9090 }]) }],
      conflict: 'Apply failed with 1 conflict: conflict with "kubectl": .spec.ports[port=80,protocol="TCP"].targetPort',
    },
  ]);
});

function cm(data: Obj, extra: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data, ...extra };
}

describe('server-side apply: ConfigMap', () => {
  run('v1', [
    {
      title: 'two appliers own their own keys, and each drop removes only its own',
      steps: [{ apply: 'a', config: cm({ x: '1' }) }, { apply: 'b', config: cm({ y: '2' }) }, { apply: 'a', config: cm({ z: '3' }) }],
      object: { data: { y: '2', z: '3' } },
      owns: { 'a/Apply': ['.data.z'], 'b/Apply': ['.data.y'] },
      notOwns: { 'a/Apply': ['.data.x', '.data.y'] },
    },
    {
      title: 'an edit of an applied key takes it, and re-applying the old value conflicts',
      steps: [{ apply: 'kubectl', config: cm({ x: '1' }) }, { update: 'kubectl-edit', change: (o) => (o.data.x = '9') }, { apply: 'kubectl', config: cm({ x: '1' }) }],
      conflict: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.x',
    },
    {
      title: 'applying the edited value shares the key instead',
      steps: [{ apply: 'kubectl', config: cm({ x: '1' }) }, { update: 'kubectl-edit', change: (o) => (o.data.x = '9') }, { apply: 'kubectl', config: cm({ x: '9' }) }],
      managers: ['kubectl/Apply', 'kubectl-edit/Update'],
      owns: { 'kubectl/Apply': ['.data.x'], 'kubectl-edit/Update': ['.data.x'] },
    },
    {
      title: 'binaryData and immutable are owned like any other field',
      steps: [{ apply: 'kubectl', config: cm({ x: '1' }, { binaryData: { b: 'AAE=' }, immutable: true }) }],
      owns: { 'kubectl/Apply': ['.binaryData.b', '.immutable', '.data.x'] },
    },
    {
      title: 'an Update removing a key takes it from every owner',
      steps: [{ apply: 'a', config: cm({ x: '1', y: '2' }) }, { update: 'kubectl-patch', change: (o) => delete o.data.y }],
      object: { data: { x: '1' } },
      managers: ['a/Apply'],
      notOwns: { 'a/Apply': ['.data.y'] },
    },
  ]);
});
