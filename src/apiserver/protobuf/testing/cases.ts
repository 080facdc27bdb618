/**
 * The kubectl commands whose protobuf request bodies the tests capture and decode. `dryRun` marks
 * commands whose `--dry-run=client -o json` output is the JSON twin of the body.
 */

export interface KubectlCase {
  name: string;
  /** kubectl arguments; `@CERT`/`@KEY` stand for a certificate and key file made for the run. */
  args: string[];
  dryRun: boolean;
}

const c = (name: string, args: string[], dryRun = true): KubectlCase => ({ name, args, dryRun });

export const KUBECTL_CASES: readonly KubectlCase[] = [
  c('namespace', ['create', 'namespace', 'team-a']),
  c('configmap', ['create', 'configmap', 'c', '--from-literal=a=b', '--from-literal=c=d']),
  c('secret-generic', ['create', 'secret', 'generic', 's', '--from-literal=k=v', '--type=Opaque']),
  c('secret-docker', ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p']),
  c('secret-tls', ['create', 'secret', 'tls', 'tls1', '--cert=@CERT', '--key=@KEY']),
  c('deployment', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']),
  c('deployment-cmd', ['create', 'deployment', 'cmd', '--image=busybox', '--', 'sh', '-c', 'echo hi']),
  c('deployment-multi', ['create', 'deployment', 'multi', '--image=nginx', '--image=redis:7', '--replicas=0']),
  c('job', ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi']),
  c('job-from-cronjob', ['create', 'job', 'j2', '--from=cronjob/cj']),
  c('cronjob', ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '--restart=OnFailure', '--', 'date']),
  c('service-clusterip', ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080', '--tcp=443:https']),
  c('service-headless', ['create', 'service', 'clusterip', 'hl', '--clusterip=None']),
  c('service-nodeport', ['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080']),
  c('service-loadbalancer', ['create', 'service', 'loadbalancer', 'lb', '--tcp=443:8443']),
  c('service-externalname', ['create', 'service', 'externalname', 'ext', '--external-name=example.com']),
  c('serviceaccount', ['create', 'serviceaccount', 'robot']),
  c('role', ['create', 'role', 'r', '--verb=get', '--verb=list', '--resource=pods', '--resource=deployments.apps', '--resource-name=web']),
  c('clusterrole', ['create', 'clusterrole', 'cr', '--verb=get', '--non-resource-url=/healthz']),
  c('clusterrole-aggregated', ['create', 'clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate-to-view=true']),
  c('rolebinding', ['create', 'rolebinding', 'rb', '--role=r', '--user=alice', '--group=devs', '--serviceaccount=default:robot']),
  c('clusterrolebinding', ['create', 'clusterrolebinding', 'crb', '--clusterrole=view', '--user=bob']),
  c('quota', ['create', 'quota', 'q', '--hard=pods=10,cpu=2,memory=1Gi']),
  c('quota-scopes', ['create', 'quota', 'qs', '--hard=pods=5', '--scopes=BestEffort']),
  c('pdb', ['create', 'pdb', 'p', '--selector=app=x', '--min-available=1']),
  c('pdb-percent', ['create', 'pdb', 'p2', '--selector=app in (x,y)', '--max-unavailable=50%']),
  c('priorityclass', ['create', 'priorityclass', 'pc', '--value=1000', '--description=high priority']),
  c('priorityclass-never', ['create', 'priorityclass', 'pcn', '--value=0', '--global-default=true', '--preemption-policy=Never']),
  c('ingress', ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.com/bar=svc1:8080,tls=my-cert', '--rule=foo.com/*=svc2:http', '--default-backend=defsvc:80']),
  c('autoscale', ['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80']),
  c('can-i', ['auth', 'can-i', 'list', 'deployments.apps', '--subresource=scale'], false),
  c('can-i-nonresource', ['auth', 'can-i', 'get', '/logs'], false),
  c('can-i-list', ['auth', 'can-i', '--list'], false),
  c('whoami', ['auth', 'whoami'], false),
  c('debug-node', ['debug', 'node/n1', '--image=busybox', '--attach=false', '--profile=sysadmin'], false),
  c('debug-copy', ['debug', 'dp', '--image=busybox', '--copy-to=p2', '--container=dbg', '--attach=false', '--profile=general', '--', 'sleep', '1d'], false),
  // drain posts its Eviction as JSON; only the delete fallback sends protobuf (a DeleteOptions).
  c('drain-delete', ['drain', 'n1', '--force', '--disable-eviction', '--grace-period=5', '--timeout=10s'], false),
  c('token', ['create', 'token', 'robot', '--audience=api', '--duration=1h', '--bound-object-kind=Pod', '--bound-object-name=p', '--bound-object-uid=1234'], false),
];

/** `args` with `flags` added before any `--` (after which everything is the container command). */
export function withFlags(args: readonly string[], flags: readonly string[]): string[] {
  const dash = args.indexOf('--');
  return dash < 0 ? [...args, ...flags] : [...args.slice(0, dash), ...flags, ...args.slice(dash)];
}

/**
 * Objects the capture server serves to GET: `autoscale` reads the Deployment, `create job --from`
 * the CronJob, `debug` the node and pod `dp`, `drain` the node and the pod list (and waits for
 * pod p1 to be gone, so it is not served on its own).
 */
export const SERVED_OBJECTS: Record<string, unknown> = {
  '/apis/apps/v1/namespaces/default/deployments/web': {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'web-uid', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  },
  '/api/v1/nodes/n1': { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} },
  '/api/v1/namespaces/default/pods/dp': {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'dp', namespace: 'default', uid: 'dp-uid', labels: { app: 'p' } },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'v', mountPath: '/v' }] }], volumes: [{ name: 'v', emptyDir: {} }] },
    status: { phase: 'Running', podIP: '10.0.0.5' },
  },
  '/api/v1/pods': {
    apiVersion: 'v1',
    kind: 'PodList',
    metadata: { resourceVersion: '1' },
    items: [
      {
        metadata: { name: 'p1', namespace: 'default', uid: 'p1-uid' },
        spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'busybox' }] },
        status: { phase: 'Running' },
      },
    ],
  },
  '/apis/batch/v1/namespaces/default/cronjobs/cj': {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cj', namespace: 'default', uid: 'cj-uid' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        metadata: { labels: { team: 'a' } },
        spec: {
          backoffLimit: 2,
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'c', image: 'busybox', args: ['date'], env: [{ name: 'A', value: '1' }] }],
            },
          },
        },
      },
    },
  },
};
