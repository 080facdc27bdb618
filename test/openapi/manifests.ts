/**
 * Manifests for the kubectl apply tests: one per kind users commonly write, using the fields
 * they commonly set, each with a change that `apply` must report as `configured`.
 */

export interface ApplyCase {
  /** `kind/name` as kubectl prints it (without the group), for messages. */
  name: string;
  /** What kubectl prints before ` created` (e.g. `deployment.apps/web`). */
  printed: string;
  yaml: string;
  /** The same object with a change. */
  changed: string;
}

function applyCase(printed: string, yaml: string, change: [string, string]): ApplyCase {
  if (!yaml.includes(change[0])) throw new Error(`${printed}: the change's text is not in the manifest`);
  return { name: printed, printed, yaml, changed: yaml.replace(change[0], change[1]) };
}

const POD_SPEC = `
      containers:
      - name: app
        image: nginx:1.27
        imagePullPolicy: IfNotPresent
        args: ["--port", "8080"]
        ports:
        - {name: http, containerPort: 8080, protocol: TCP}
        env:
        - {name: MODE, value: prod}
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        envFrom:
        - configMapRef: {name: settings, optional: true}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 128Mi}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 5
        livenessProbe:
          tcpSocket: {port: 8080}
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: config, mountPath: /etc/app, readOnly: true}
        securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 1000}
      volumes:
      - name: data
        emptyDir: {sizeLimit: 1Gi}
      - name: config
        configMap: {name: settings, optional: true}
      nodeSelector: {kubernetes.io/os: linux}
      tolerations:
      - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector: {matchLabels: {app: web}}
              topologyKey: kubernetes.io/hostname
      terminationGracePeriodSeconds: 20`;

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
  annotations: {team: blue}
spec:
  replicas: 2
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:${POD_SPEC}
`;

export const APPLY_CASES: readonly ApplyCase[] = [
  applyCase('deployment.apps/web', DEPLOYMENT, ['replicas: 2', 'replicas: 3']),
  applyCase(
    'pod/single',
    `apiVersion: v1
kind: Pod
metadata:
  name: single
  labels: {app: single}
spec:
  restartPolicy: Always
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    resources: {requests: {cpu: 10m}}
`,
    ['app: single', 'app: single, tier: x'],
  ),
  applyCase(
    'service/web',
    `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  selector: {app: web}
  sessionAffinity: None
  ports:
  - {name: http, port: 80, targetPort: http, protocol: TCP}
  - {name: https, port: 443, targetPort: 8443}
`,
    ['port: 443', 'port: 8443'],
  ),
  applyCase(
    'configmap/settings',
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: prod
  app.properties: |
    a=1
    b=2
`,
    ['mode: prod', 'mode: dev'],
  ),
  applyCase(
    'secret/creds',
    `apiVersion: v1
kind: Secret
metadata:
  name: creds
type: Opaque
data: {user: YWRtaW4=, password: cGFzcw==}
`,
    ['user: YWRtaW4=', 'user: cm9vdA=='],
  ),
  applyCase(
    'serviceaccount/robot',
    `apiVersion: v1
kind: ServiceAccount
metadata:
  name: robot
automountServiceAccountToken: false
imagePullSecrets:
- name: registry
`,
    ['automountServiceAccountToken: false', 'automountServiceAccountToken: true'],
  ),
  // No volumeClaimTemplates: the server defaults fields inside them (status.phase, volumeMode), and
  // that atomic list then differs on every apply, with kubectl's compiled-in types as with a real cluster.
  applyCase(
    'statefulset.apps/db',
    `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  podManagementPolicy: Parallel
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Delete}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts: [{name: pgdata, mountPath: /var/lib/postgresql/data}]
      volumes:
      - name: pgdata
        persistentVolumeClaim: {claimName: pgdata}
`,
    ['replicas: 1', 'replicas: 2'],
  ),
  applyCase(
    'daemonset.apps/agent',
    `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {matchLabels: {app: agent}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: busybox:1.36
        command: [sleep, infinity]
`,
    ['maxUnavailable: 1', 'maxUnavailable: 2'],
  ),
  applyCase(
    'job.batch/once',
    `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  backoffLimit: 2
  ttlSecondsAfterFinished: 600
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: work, image: busybox:1.36, command: [echo, hi]}
`,
    ['ttlSecondsAfterFinished: 600', 'ttlSecondsAfterFinished: 60'],
  ),
  applyCase(
    'cronjob.batch/nightly',
    `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 1
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: work, image: busybox:1.36, command: [date]}
`,
    ['0 3 * * *', '0 4 * * *'],
  ),
  applyCase(
    'ingress.networking.k8s.io/web',
    `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  tls:
  - hosts: [web.example.com]
    secretName: web-tls
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
`,
    ['path: /', 'path: /app'],
  ),
  applyCase(
    'networkpolicy.networking.k8s.io/deny',
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: blue}}
    ports:
    - {protocol: TCP, port: 80}
`,
    ['port: 80', 'port: 81'],
  ),
  applyCase(
    'poddisruptionbudget.policy/web',
    `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
`,
    ['minAvailable: 1', 'minAvailable: 2'],
  ),
  applyCase(
    'role.rbac.authorization.k8s.io/reader',
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: [pods, configmaps]
  verbs: [get, list, watch]
`,
    ['verbs: [get, list, watch]', 'verbs: [get, list]'],
  ),
  applyCase(
    'rolebinding.rbac.authorization.k8s.io/reader',
    `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
subjects:
- {kind: ServiceAccount, name: robot}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
`,
    ['name: robot}', 'name: robot2}'],
  ),
  applyCase(
    'horizontalpodautoscaler.autoscaling/web',
    `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: 80}
`,
    ['maxReplicas: 5', 'maxReplicas: 6'],
  ),
  applyCase(
    'persistentvolumeclaim/data',
    `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  labels: {tier: db}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: standard
  resources: {requests: {storage: 1Gi}}
`,
    // Not the size: an unbound claim cannot be resized.
    ['tier: db', 'tier: cache'],
  ),
  applyCase(
    'resourcequota/quota',
    `apiVersion: v1
kind: ResourceQuota
metadata:
  name: quota
spec:
  hard: {pods: "10", requests.cpu: "4"}
`,
    ['pods: "10"', 'pods: "20"'],
  ),
  applyCase(
    'limitrange/limits',
    `apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
    defaultRequest: {cpu: 100m}
`,
    ['default: {cpu: 500m}', 'default: {cpu: 600m}'],
  ),
];
