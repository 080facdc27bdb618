/**
 * kubectl get and describe against one gantry server: Table output with upstream's
 * columns, the -o formats, namespaces, label and field selectors, paging and `get all`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useCluster } from './lib/cluster.js';
import { configMap, deployment, IMAGE, pod, service } from './lib/manifests.js';
import { AGE, parseTable, parseTables, rowNamed } from './lib/table.js';

const NS = 'e2e-get';
const c = useCluster({ namespace: NS });
const POD_NAMES = ['db-1', 'placed', 'web-1', 'web-2'];

beforeAll(async () => {
  await c.create(
    pod('web-1', { labels: { app: 'web', tier: 'fe' } }),
    pod('web-2', { labels: { app: 'web', tier: 'be' } }),
    pod('db-1', { labels: { app: 'db' } }),
    pod('placed', { nodeName: 'node-a' }),
    deployment('web', { replicas: 2 }),
    service('web'),
    configMap('settings', { a: '1', b: '2' }),
  );
});

/** The NAME column of `kubectl get <args>`. */
async function names(...args: string[]): Promise<string[]> {
  return parseTable(await c.ok(['get', ...args])).rows.map((r) => r.NAME!);
}

describe('kubectl get: Table columns as upstream prints them', () => {
  it('pods: NAME READY STATUS RESTARTS AGE', async () => {
    const t = parseTable(await c.ok(['get', 'pods']));
    expect(t.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(t.rows.map((r) => r.NAME)).toEqual(POD_NAMES);
    expect(rowNamed(t, 'web-1')).toEqual({ NAME: 'web-1', READY: '0/1', STATUS: 'Pending', RESTARTS: '0', AGE: expect.stringMatching(AGE) });
  });

  it('pods -o wide adds IP NODE NOMINATED NODE READINESS GATES', async () => {
    const t = parseTable(await c.ok(['get', 'pods', '-o', 'wide']));
    expect(t.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(rowNamed(t, 'web-1')).toMatchObject({ IP: '<none>', NODE: '<none>', 'NOMINATED NODE': '<none>', 'READINESS GATES': '<none>' });
    expect(rowNamed(t, 'placed')).toMatchObject({ STATUS: 'Pending', NODE: 'node-a' });
  });

  it('a single pod by name is a one-row table', async () => {
    const t = parseTable(await c.ok(['get', 'pod', 'web-2']));
    expect(t.rows).toEqual([{ NAME: 'web-2', READY: '0/1', STATUS: 'Pending', RESTARTS: '0', AGE: expect.stringMatching(AGE) }]);
  });

  it('deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide adds CONTAINERS IMAGES SELECTOR', async () => {
    const t = parseTable(await c.ok(['get', 'deploy']));
    expect(t.header).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(t.rows).toEqual([{ NAME: 'web', READY: '0/2', 'UP-TO-DATE': '0', AVAILABLE: '0', AGE: expect.stringMatching(AGE) }]);
    const wide = parseTable(await c.ok(['get', 'deployments.apps', '-o', 'wide']));
    expect(wide.header).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(rowNamed(wide, 'web')).toMatchObject({ CONTAINERS: 'app', IMAGES: IMAGE, SELECTOR: 'app=web' });
  });

  it('services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide adds SELECTOR', async () => {
    const t = parseTable(await c.ok(['get', 'svc']));
    expect(t.header).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(t.rows).toEqual([
      { NAME: 'web', TYPE: 'ClusterIP', 'CLUSTER-IP': expect.stringMatching(/^10\.43\.\d+\.\d+$/), 'EXTERNAL-IP': '<none>', 'PORT(S)': '80/TCP', AGE: expect.stringMatching(AGE) },
    ]);
    const wide = parseTable(await c.ok(['get', 'services', '-o', 'wide']));
    expect(wide.header).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(rowNamed(wide, 'web').SELECTOR).toBe('app=web');
  });

  it('configmaps: NAME DATA AGE; namespaces: NAME STATUS AGE', async () => {
    const cm = parseTable(await c.ok(['get', 'cm', 'settings']));
    expect(cm.header).toEqual(['NAME', 'DATA', 'AGE']);
    expect(cm.rows).toEqual([{ NAME: 'settings', DATA: '2', AGE: expect.stringMatching(AGE) }]);
    const ns = parseTable(await c.ok(['get', 'ns', NS]));
    expect(ns.header).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(ns.rows).toEqual([{ NAME: NS, STATUS: 'Active', AGE: expect.stringMatching(AGE) }]);
  });

  it('--show-labels and -L use the row objects the server includes', async () => {
    const t = parseTable(await c.ok(['get', 'pods', '--show-labels', '-L', 'tier']));
    expect(t.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'TIER', 'LABELS']);
    expect(rowNamed(t, 'web-1')).toMatchObject({ TIER: 'fe', LABELS: 'app=web,tier=fe' });
    expect(rowNamed(t, 'placed')).toMatchObject({ TIER: '', LABELS: '<none>' });
  });
});

describe('kubectl get: output formats', () => {
  it('-o yaml shows the stored pod with server-set metadata and upstream defaults', async () => {
    const p = parseYaml(await c.ok(['get', 'pod', 'web-1', '-o', 'yaml']));
    expect(p).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: NS, labels: { app: 'web', tier: 'fe' } } });
    expect(p.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(p.metadata.resourceVersion).toMatch(/^[1-9]\d*$/);
    expect(p.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
    });
    expect(p.spec.containers[0]).toMatchObject({
      name: 'app',
      image: IMAGE,
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    expect(p.status).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('-o json of a list is a List with every pod', async () => {
    const list = await c.getJson('pods');
    expect(list.kind).toBe('List');
    expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(POD_NAMES);
    expect(list.items.every((p: { kind: string }) => p.kind === 'Pod')).toBe(true);
  });

  it('-o jsonpath and -o name', async () => {
    expect(await c.jsonpath('{.items[*].metadata.name}', 'pods')).toBe(POD_NAMES.join(' '));
    expect(await c.jsonpath('{.spec.nodeName}', 'pod', 'placed')).toBe('node-a');
    expect(await c.ok(['get', 'pods', '-o', 'name'])).toBe(POD_NAMES.map((n) => `pod/${n}\n`).join(''));
    expect(await c.ok(['get', 'deploy', 'web', '-o', 'name'])).toBe('deployment.apps/web\n');
  });
});

describe('kubectl get: scopes and selectors', () => {
  it('-A adds a NAMESPACE column and lists across namespaces', async () => {
    const t = parseTable(await c.ok(['get', 'pods', '-A']));
    expect(t.header).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(t.rows.map((r) => `${r.NAMESPACE}/${r.NAME}`)).toEqual(POD_NAMES.map((n) => `${NS}/${n}`));
  });

  it('another namespace has none of these pods', async () => {
    const r = await c.gantry.kubectl(['get', 'pods', '-n', 'default']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  });

  it('-l with equality, set-based, exists and not-exists requirements', async () => {
    expect(await names('pods', '-l', 'app=web')).toEqual(['web-1', 'web-2']);
    expect(await names('pods', '-l', 'app==web,tier!=be')).toEqual(['web-1']);
    expect(await names('pods', '-l', 'app in (web,db),tier notin (fe)')).toEqual(['db-1', 'web-2']);
    expect(await names('pods', '-l', 'tier')).toEqual(['web-1', 'web-2']);
    expect(await names('pods', '-l', '!tier')).toEqual(['db-1', 'placed']);
  });

  it('--field-selector on metadata.name, spec.nodeName and status.phase', async () => {
    expect(await names('pods', '--field-selector', 'metadata.name=web-2')).toEqual(['web-2']);
    expect(await names('pods', '--field-selector', 'spec.nodeName=node-a')).toEqual(['placed']);
    expect(await names('pods', '--field-selector', 'spec.nodeName!=node-a,status.phase=Pending')).toEqual(['db-1', 'web-1', 'web-2']);
    const none = await c.run(['get', 'pods', '--field-selector', 'status.phase=Running']);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: `No resources found in ${NS} namespace.\n` });
  });

  it('--chunk-size pages with limit and continue and still prints every row once', async () => {
    const r = await c.run(['get', 'pods', '--chunk-size=1', '-v=6']);
    expect(r.code).toBe(0);
    expect(parseTable(r.stdout).rows.map((row) => row.NAME)).toEqual(POD_NAMES);
    const pages = r.stderr.split('\n').filter((l) => /GET https:\/\/\S+\/pods\?\S*limit=1\S* 200 OK/.test(l));
    expect(pages).toHaveLength(POD_NAMES.length);
    expect(pages.filter((l) => /[?&]continue=/.test(l))).toHaveLength(POD_NAMES.length - 1);
  });

  it('--chunk-size with -o json gathers every page', async () => {
    const list = JSON.parse(await c.ok(['get', 'pods', '--chunk-size=3', '-o', 'json']));
    expect(list.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(POD_NAMES);
  });

  it('get all prints pods, services and deployments, each with its type prefix', async () => {
    const tables = parseTables(await c.ok(['get', 'all']));
    expect(tables.map((t) => t.rows.map((r) => r.NAME))).toEqual([
      POD_NAMES.map((n) => `pod/${n}`),
      ['service/web'],
      ['deployment.apps/web'],
    ]);
    expect(tables.map((t) => t.header[1])).toEqual(['READY', 'TYPE', 'READY']);
  });
});

describe('kubectl describe', () => {
  it('describes a pod', async () => {
    const out = await c.ok(['describe', 'pod', 'web-1']);
    expect(out).toMatch(/^Name:\s+web-1$/m);
    expect(out).toMatch(new RegExp(`^Namespace:\\s+${NS}$`, 'm'));
    expect(out).toMatch(/^Labels:\s+app=web\n\s+tier=fe$/m);
    expect(out).toMatch(/^Status:\s+Pending$/m);
    expect(out).toMatch(/^QoS Class:\s+BestEffort$/m);
    expect(out).toMatch(/^ {2}app:\n(?: {4}.*\n)*? {4}Image:\s+nginx:1\.27$/m);
    expect(out).toMatch(/^Events:\s+<none>$/m);
  });

  it('describes a deployment with its defaulted strategy', async () => {
    const out = await c.ok(['describe', 'deployment', 'web']);
    expect(out).toMatch(/^Name:\s+web$/m);
    expect(out).toMatch(/^Selector:\s+app=web$/m);
    expect(out).toMatch(/^Replicas:\s+2 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
    expect(out).toMatch(/^StrategyType:\s+RollingUpdate$/m);
    expect(out).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
    expect(out).toMatch(/^Events:\s+<none>$/m);
  });

  it('describes a service with its cluster IP', async () => {
    const out = await c.ok(['describe', 'svc', 'web']);
    expect(out).toMatch(/^Type:\s+ClusterIP$/m);
    expect(out).toMatch(/^IP Family Policy:\s+SingleStack$/m);
    expect(out).toMatch(/^IP Families:\s+IPv4$/m);
    expect(out).toMatch(/^IP:\s+10\.43\.\d+\.\d+$/m);
    expect(out).toMatch(/^Port:\s+<unset>\s+80\/TCP$/m);
    expect(out).toMatch(/^TargetPort:\s+80\/TCP$/m);
    expect(out).toMatch(/^Session Affinity:\s+None$/m);
  });
});

describe('paging over one snapshot', () => {
  it('an object created between pages is not in the later pages of that list', async () => {
    const labels = { snap: 'yes' };
    await c.create(configMap('snap-a', {}, labels), configMap('snap-c', {}, labels));
    const url = `/api/v1/namespaces/${NS}/configmaps?labelSelector=snap&limit=1`;
    const first = JSON.parse(await c.ok(['get', '--raw', url]));
    expect(first.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['snap-a']);
    expect(first.metadata.continue).toMatch(/.+/);
    await c.create(configMap('snap-b', {}, labels));
    const rest = JSON.parse(await c.ok(['get', '--raw', `${url}&continue=${encodeURIComponent(first.metadata.continue)}`]));
    expect(rest.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['snap-c']);
    expect(rest.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(rest.metadata.continue ?? '').toBe('');
    expect(await names('cm', '-l', 'snap')).toEqual(['snap-a', 'snap-b', 'snap-c']);
  });
});

describe('events and their field selectors', () => {
  /** An event about one of the pods, with its uid (describe selects events by uid too). */
  async function event(name: string, about: string, reason: string): Promise<Record<string, unknown>> {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const uid = await c.jsonpath('{.metadata.uid}', 'pod', about);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: about, namespace: NS, uid },
      reason,
      message: `${reason} happened to ${about}`,
      type: 'Normal',
      source: { component: 'e2e-suite' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
  }

  beforeAll(async () => {
    await c.create(await event('ev-web-1', 'web-1', 'Pinged'), await event('ev-db-1', 'db-1', 'Poked'));
  });

  it('--field-selector involvedObject.name picks the events about one object', async () => {
    const t = parseTable(await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=web-1']));
    expect(t.header).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(t.rows).toEqual([
      { 'LAST SEEN': expect.stringMatching(AGE), TYPE: 'Normal', REASON: 'Pinged', OBJECT: 'pod/web-1', MESSAGE: 'Pinged happened to web-1' },
    ]);
    expect(await names('events', '--field-selector', 'involvedObject.kind=Pod,reason=Poked', '-o', 'wide')).toEqual(['ev-db-1']);
  });

  it('describe shows the events about the object', async () => {
    const out = await c.ok(['describe', 'pod', 'db-1']);
    expect(out).toMatch(/^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n\s+----/m);
    expect(out).toMatch(/^\s+Normal\s+Poked\s+\S+\s+e2e-suite\s+Poked happened to db-1$/m);
    expect(out).not.toContain('Pinged');
  });
});

describe('defaults the server applies', () => {
  it('imagePullPolicy follows the image tag', async () => {
    await c.create(pod('tag-none', { image: 'nginx' }), pod('tag-latest', { image: 'nginx:latest' }), pod('tag-digest', { image: `nginx@sha256:${'a'.repeat(64)}` }));
    const policy = (name: string) => c.jsonpath('{.spec.containers[0].imagePullPolicy}', 'pod', name);
    expect(await policy('tag-none')).toBe('Always');
    expect(await policy('tag-latest')).toBe('Always');
    expect(await policy('tag-digest')).toBe('IfNotPresent');
    expect(await policy('web-1')).toBe('IfNotPresent');
    await c.ok(['delete', 'pods', 'tag-none', 'tag-latest', 'tag-digest']);
  });

  it('a deployment gets the upstream strategy, history limit and progress deadline', async () => {
    const d = await c.getJson('deploy', 'web');
    expect(d.spec).toMatchObject({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(d.metadata.generation).toBe(1);
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
  });
});
