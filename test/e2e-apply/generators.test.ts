/**
 * The `kubectl create <generator>` family, `autoscale` and `expose` (protobuf request bodies
 * from kubectl 1.32, JSON from 1.27), checking the key fields of each created object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../support/index.js';
import { KUBECTLS, useGantry, type Kube } from './lib/kube.js';

const suite = useGantry();

interface GeneratorCase {
  title: string;
  args: string[];
  /** kubectl's one-line output. */
  printed: string;
  /** `kubectl get` arguments for the created object. */
  get: string[];
  /** Key fields the object must have (toMatchObject). */
  want: () => Record<string, unknown>;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const RBAC = 'rbac.authorization.k8s.io';

async function writeKeyPair(dir: string): Promise<void> {
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  const r = await runProcess('openssl', [...args, '-subj', '/CN=gen.example.com', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt')], { timeoutMs: 20_000 });
  if (r.code !== 0) throw new Error(`openssl failed: ${r.stderr}`);
}

function cases(k: Kube): GeneratorCase[] {
  const t = k.binary.tag;
  const ns = k.ns;
  const file = (name: string) => readFileSync(join(k.dir, name));
  const container = (name: string, image: string, extra: Record<string, unknown> = {}) => ({ containers: [{ name, image, ...extra }] });
  return [
    {
      title: 'namespace',
      args: ['create', 'namespace', `gen-ns-${t}`],
      printed: `namespace/gen-ns-${t} created`,
      get: ['namespace', `gen-ns-${t}`],
      want: () => ({ metadata: { name: `gen-ns-${t}`, labels: { 'kubernetes.io/metadata.name': `gen-ns-${t}` } }, status: { phase: 'Active' } }),
    },
    {
      title: 'configmap',
      args: ['create', 'configmap', 'cm', '--from-literal=a=1', '--from-literal=b=two words'],
      printed: 'configmap/cm created',
      get: ['configmap', 'cm'],
      want: () => ({ metadata: { name: 'cm', namespace: ns }, data: { a: '1', b: 'two words' } }),
    },
    {
      title: 'secret generic',
      args: ['create', 'secret', 'generic', 'plain', '--from-literal=user=admin', '--from-literal=pass=s3cr3t'],
      printed: 'secret/plain created',
      get: ['secret', 'plain'],
      want: () => ({ type: 'Opaque', data: { user: b64('admin'), pass: b64('s3cr3t') } }),
    },
    {
      title: 'secret tls',
      args: ['create', 'secret', 'tls', 'cert', `--cert=${join(k.dir, 'tls.crt')}`, `--key=${join(k.dir, 'tls.key')}`],
      printed: 'secret/cert created',
      get: ['secret', 'cert'],
      want: () => ({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64(file('tls.crt')), 'tls.key': b64(file('tls.key')) } }),
    },
    {
      title: 'secret docker-registry',
      args: ['create', 'secret', 'docker-registry', 'pull', '--docker-server=reg.example.com', '--docker-username=u', '--docker-password=p', '--docker-email=e@example.com'],
      printed: 'secret/pull created',
      get: ['secret', 'pull'],
      want: () => ({
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'reg.example.com': { username: 'u', password: 'p', email: 'e@example.com', auth: b64('u:p') } } })) },
      }),
    },
    {
      title: 'deployment',
      args: ['create', 'deployment', 'd', '--image=nginx:1.27', '--replicas=2', '--port=80'],
      printed: 'deployment.apps/d created',
      get: ['deployment', 'd'],
      want: () => ({
        metadata: { labels: { app: 'd' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'd' } },
          strategy: { type: 'RollingUpdate' },
          template: { metadata: { labels: { app: 'd' } }, spec: container('nginx', 'nginx:1.27', { ports: [{ containerPort: 80, protocol: 'TCP' }] }) },
        },
      }),
    },
    {
      title: 'job',
      args: ['create', 'job', 'j', '--image=busybox:1.36', '--', 'echo', 'hi'],
      printed: 'job.batch/j created',
      get: ['job', 'j'],
      want: () => ({ spec: { backoffLimit: 6, template: { spec: { restartPolicy: 'Never', ...container('j', 'busybox:1.36', { command: ['echo', 'hi'] }) } } } }),
    },
    {
      title: 'cronjob',
      args: ['create', 'cronjob', 'cj', '--image=busybox:1.36', '--schedule=*/5 * * * *', '--', 'date'],
      printed: 'cronjob.batch/cj created',
      get: ['cronjob', 'cj'],
      want: () => ({
        spec: {
          schedule: '*/5 * * * *',
          concurrencyPolicy: 'Allow',
          jobTemplate: { metadata: { name: 'cj' }, spec: { template: { spec: { restartPolicy: 'OnFailure', ...container('cj', 'busybox:1.36', { command: ['date'] }) } } } },
        },
      }),
    },
    {
      title: 'service clusterip',
      args: ['create', 'service', 'clusterip', 'web', '--tcp=80:8080'],
      printed: 'service/web created',
      get: ['service', 'web'],
      want: () => ({
        metadata: { labels: { app: 'web' } },
        spec: { type: 'ClusterIP', selector: { app: 'web' }, clusterIP: expect.stringMatching(/^10\.43\.\d+\.\d+$/), ports: [{ name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP' }] },
      }),
    },
    {
      title: 'service nodeport',
      args: ['create', 'service', 'nodeport', 'np', '--tcp=443:8443', `--node-port=30${t}`],
      printed: 'service/np created',
      get: ['service', 'np'],
      want: () => ({ spec: { type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ name: '443-8443', port: 443, targetPort: 8443, nodePort: Number(`30${t}`), protocol: 'TCP' }] } }),
    },
    {
      title: 'service externalname',
      args: ['create', 'service', 'externalname', 'ext', '--external-name=db.example.com'],
      printed: 'service/ext created',
      get: ['service', 'ext'],
      want: () => ({ spec: { type: 'ExternalName', externalName: 'db.example.com' } }),
    },
    {
      title: 'serviceaccount',
      args: ['create', 'serviceaccount', 'robot'],
      printed: 'serviceaccount/robot created',
      get: ['serviceaccount', 'robot'],
      want: () => ({ kind: 'ServiceAccount', metadata: { name: 'robot', namespace: ns } }),
    },
    {
      title: 'role',
      args: ['create', 'role', 'reader', '--verb=get,list', '--resource=pods,rs.apps'],
      printed: `role.${RBAC}/reader created`,
      get: ['role', 'reader'],
      want: () => ({
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
          { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list'] },
        ],
      }),
    },
    {
      title: 'rolebinding',
      args: ['create', 'rolebinding', 'read', '--role=reader', '--user=alice', `--serviceaccount=${ns}:robot`],
      printed: `rolebinding.${RBAC}/read created`,
      get: ['rolebinding', 'read'],
      want: () => ({
        roleRef: { apiGroup: RBAC, kind: 'Role', name: 'reader' },
        subjects: [
          { kind: 'User', apiGroup: RBAC, name: 'alice' },
          { kind: 'ServiceAccount', name: 'robot', namespace: ns },
        ],
      }),
    },
    {
      title: 'clusterrole',
      args: ['create', 'clusterrole', `gen-nodes-${t}`, '--verb=get,watch', '--resource=nodes', '--resource-name=n1'],
      printed: `clusterrole.${RBAC}/gen-nodes-${t} created`,
      get: ['clusterrole', `gen-nodes-${t}`],
      want: () => ({ rules: [{ apiGroups: [''], resources: ['nodes'], resourceNames: ['n1'], verbs: ['get', 'watch'] }] }),
    },
    {
      title: 'clusterrolebinding',
      args: ['create', 'clusterrolebinding', `gen-nodes-${t}`, `--clusterrole=gen-nodes-${t}`, '--group=ops'],
      printed: `clusterrolebinding.${RBAC}/gen-nodes-${t} created`,
      get: ['clusterrolebinding', `gen-nodes-${t}`],
      want: () => ({ roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: `gen-nodes-${t}` }, subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'ops' }] }),
    },
    {
      title: 'quota',
      args: ['create', 'quota', 'limits', '--hard=pods=10,cpu=2,memory=1Gi'],
      printed: 'resourcequota/limits created',
      get: ['resourcequota', 'limits'],
      want: () => ({ spec: { hard: { pods: '10', cpu: '2', memory: '1Gi' } } }),
    },
    {
      title: 'pdb',
      args: ['create', 'pdb', 'budget', '--selector=app=d', '--min-available=50%'],
      printed: 'poddisruptionbudget.policy/budget created',
      get: ['pdb', 'budget'],
      want: () => ({ spec: { minAvailable: '50%', selector: { matchLabels: { app: 'd' } } } }),
    },
    {
      title: 'priorityclass',
      args: ['create', 'priorityclass', `gen-high-${t}`, '--value=1000', '--description=important', '--preemption-policy=Never'],
      printed: `priorityclass.scheduling.k8s.io/gen-high-${t} created`,
      get: ['priorityclass', `gen-high-${t}`],
      want: () => ({ value: 1000, description: 'important', preemptionPolicy: 'Never' }),
    },
    {
      title: 'ingress',
      args: ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.example.com/bar=web:80'],
      printed: 'ingress.networking.k8s.io/ing created',
      get: ['ingress', 'ing'],
      want: () => ({
        spec: {
          ingressClassName: 'nginx',
          rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/bar', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
        },
      }),
    },
    {
      title: 'autoscale',
      args: ['autoscale', 'deployment', 'd', '--min=2', '--max=5', '--cpu-percent=80'],
      printed: 'horizontalpodautoscaler.autoscaling/d autoscaled',
      get: ['horizontalpodautoscalers.v2.autoscaling', 'd'],
      want: () => ({
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
          minReplicas: 2,
          maxReplicas: 5,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        },
      }),
    },
    {
      title: 'expose',
      args: ['expose', 'deployment', 'd', '--port=8080', '--target-port=80', '--name=d-svc'],
      printed: 'service/d-svc exposed',
      get: ['service', 'd-svc'],
      want: () => ({ spec: { type: 'ClusterIP', selector: { app: 'd' }, ports: [{ port: 8080, targetPort: 80, protocol: 'TCP' }] } }),
    },
  ];
}

describe.each(KUBECTLS)('$name', (kb) => {
  const k = suite.kube(kb, 'gen');

  beforeAll(async () => {
    await writeKeyPair(k.dir);
  });

  it.each(cases(k))('create $title', async (c) => {
    expect(await k.ok(c.args)).toBe(`${c.printed}\n`);
    expect(await k.getJson(...c.get)).toMatchObject(c.want());
  });

  // The full resource name: kubectl 1.32 drops the version of a short name (hpa.v1.autoscaling).
  it('the autoscaler reads back as autoscaling/v1 too', async () => {
    const hpa = await k.getJson('horizontalpodautoscalers.v1.autoscaling', 'd');
    expect(hpa).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 } });
  });

  it.runIf(kb.tag === '132')('kubectl 1.32 sends the generators as protobuf', async () => {
    const r = await k.run(['create', 'configmap', 'proto', '--from-literal=k=v', '-v=8']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Content-Type: application\/vnd\.kubernetes\.protobuf/);
    expect(await k.jsonpath('{.data.k}', 'cm', 'proto')).toBe('v');
  });
});
