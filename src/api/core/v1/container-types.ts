/** Types of a container in a pod (core/v1 Container and the structures it holds). */
import type { Lifecycle, Probe } from './probe.js';
import type { ResourceRequirements } from './resources.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type PullPolicy = 'Always' | 'Never' | 'IfNotPresent';
export type TerminationMessagePolicy = 'File' | 'FallbackToLogsOnError';

/** A network port of a container. */
export interface ContainerPort {
  /** An IANA_SVC_NAME unique within the pod, by which services can refer to the port. */
  name?: string;
  /** Port number on the host to expose; most containers do not need this. */
  hostPort?: number;
  /** Port number on the pod's IP address (1–65535). */
  containerPort: number;
  /** UDP, TCP or SCTP. Defaults to TCP. */
  protocol?: Protocol;
  /** Host IP to bind the host port to. */
  hostIP?: string;
}

/** Selects a key of a ConfigMap. */
export interface ConfigMapKeySelector {
  /** Name of the ConfigMap. */
  name?: string;
  /** The key to select. */
  key: string;
  /** Whether the ConfigMap or its key may be missing. */
  optional?: boolean;
}

/** Selects a key of a Secret in the pod's namespace. */
export interface SecretKeySelector {
  /** Name of the Secret. */
  name?: string;
  /** The key of the secret to select. Must be a valid secret key. */
  key: string;
  /** Whether the Secret or its key may be missing. */
  optional?: boolean;
}

/** Selects a field of the pod (metadata.name, status.podIP, ...). */
export interface ObjectFieldSelector {
  /** Version of the schema the path is written in; defaults to "v1". */
  apiVersion?: string;
  /** Path of the field to select. */
  fieldPath: string;
}

/** Selects a resource of a container: limits.cpu, requests.memory, ... */
export interface ResourceFieldSelector {
  /** Container name; required for volumes, optional for env vars. */
  containerName?: string;
  /** Required: the resource to select. */
  resource: string;
  /** Output format of the exposed resources; defaults to "1". */
  divisor?: string;
}

/** Where an environment variable's value comes from. */
export interface EnvVarSource {
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  configMapKeyRef?: ConfigMapKeySelector;
  secretKeyRef?: SecretKeySelector;
}

/** An environment variable present in a container. */
export interface EnvVar {
  /** Name of the variable; may consist of any printable ASCII characters except '='. */
  name: string;
  /** Value, with $(VAR_NAME) references expanded from earlier variables. */
  value?: string;
  /** Source of the value; cannot be used if value is not empty. */
  valueFrom?: EnvVarSource;
}

/** Selects a ConfigMap or Secret to populate environment variables from. */
export interface EnvFromSource {
  /** Prefix to add to every key. */
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

/** Mounts a volume inside a container. */
export interface VolumeMount {
  /** Must match the name of a pod volume. */
  name: string;
  /** Mounted read-only if true. Defaults to false. */
  readOnly?: boolean;
  /** Recursive read-only mode: Disabled, IfPossible or Enabled. */
  recursiveReadOnly?: 'Disabled' | 'IfPossible' | 'Enabled';
  /** Path inside the container at which the volume is mounted; must not contain ':'. */
  mountPath: string;
  /** Path within the volume to mount instead of its root. */
  subPath?: string;
  /** How mounts propagate between host and container: None, HostToContainer or Bidirectional. */
  mountPropagation?: 'None' | 'HostToContainer' | 'Bidirectional';
  /** Like subPath, with $(VAR_NAME) expanded from the container's environment. */
  subPathExpr?: string;
}

/** Maps a raw block device into a container. */
export interface VolumeDevice {
  /** Name of a persistentVolumeClaim volume of the pod. */
  name: string;
  /** Path inside the container the device is mapped to. */
  devicePath: string;
}

export interface Capabilities {
  /** Capabilities to add. */
  add?: string[];
  /** Capabilities to drop. */
  drop?: string[];
}

export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}

export interface SeccompProfile {
  /** Localhost, RuntimeDefault or Unconfined. */
  type: 'Localhost' | 'RuntimeDefault' | 'Unconfined';
  /** Profile file on the node, for type Localhost. */
  localhostProfile?: string;
}

export interface AppArmorProfile {
  type: 'Localhost' | 'RuntimeDefault' | 'Unconfined';
  localhostProfile?: string;
}

export interface WindowsSecurityContextOptions {
  gmsaCredentialSpecName?: string;
  gmsaCredentialSpec?: string;
  runAsUserName?: string;
  hostProcess?: boolean;
}

/** Security options of a container; these override the pod's where both are set. */
export interface SecurityContext {
  capabilities?: Capabilities;
  /** Run as privileged: equivalent to root on the host. */
  privileged?: boolean;
  seLinuxOptions?: SELinuxOptions;
  windowsOptions?: WindowsSecurityContextOptions;
  /** UID to run the entrypoint as. */
  runAsUser?: number;
  /** GID to run the entrypoint as. */
  runAsGroup?: number;
  /** Require the container to run as a non-root user. */
  runAsNonRoot?: boolean;
  /** Mount the root filesystem read-only. */
  readOnlyRootFilesystem?: boolean;
  /** Whether a process can gain more privileges than its parent (no_new_privs). */
  allowPrivilegeEscalation?: boolean;
  /** Default or Unmasked /proc mount. */
  procMount?: 'Default' | 'Unmasked';
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
}

/** How a resource of a running container is resized in place. */
export interface ContainerResizePolicy {
  resourceName: string;
  /** NotRequired or RestartContainer. */
  restartPolicy: 'NotRequired' | 'RestartContainer';
}

/** A single application container to run within a pod. */
export interface Container {
  /** Name of the container, a DNS label unique within the pod. Cannot be updated. */
  name: string;
  /** Container image name. */
  image?: string;
  /** Entrypoint array, not run in a shell; the image's ENTRYPOINT is used if not given. */
  command?: string[];
  /** Arguments to the entrypoint; the image's CMD is used if not given. */
  args?: string[];
  /** Working directory; defaults to the image's. */
  workingDir?: string;
  /** Network ports to expose from the container (informational, mostly). */
  ports?: ContainerPort[];
  /** Sources to populate environment variables from. */
  envFrom?: EnvFromSource[];
  /** Environment variables to set in the container. */
  env?: EnvVar[];
  /** Compute resources required by this container. */
  resources?: ResourceRequirements;
  /** How resources of the container may be resized. */
  resizePolicy?: ContainerResizePolicy[];
  /** Restart policy of an init container: "Always" makes it a sidecar. */
  restartPolicy?: 'Always';
  /** Pod volumes to mount into the container's filesystem. */
  volumeMounts?: VolumeMount[];
  /** Block devices to be used by the container. */
  volumeDevices?: VolumeDevice[];
  /** Periodic probe of liveness; the container is restarted if it fails. */
  livenessProbe?: Probe;
  /** Periodic probe of readiness; the container is removed from service endpoints if it fails. */
  readinessProbe?: Probe;
  /** Other probes wait until this one has succeeded once. */
  startupProbe?: Probe;
  /** Actions to take in response to container lifecycle events. */
  lifecycle?: Lifecycle;
  /** File into which the termination message is written. Defaults to /dev/termination-log. */
  terminationMessagePath?: string;
  /** File, or FallbackToLogsOnError to use the log tail when the file is empty. Defaults to File. */
  terminationMessagePolicy?: TerminationMessagePolicy;
  /** Always, Never or IfNotPresent. Defaults to Always for the :latest tag (or none), else IfNotPresent. */
  imagePullPolicy?: PullPolicy;
  /** Security options the container runs with. */
  securityContext?: SecurityContext;
  /** Allocate a buffer for stdin in the container runtime. */
  stdin?: boolean;
  /** Close stdin after the first attach session ends. */
  stdinOnce?: boolean;
  /** Allocate a TTY; requires stdin. */
  tty?: boolean;
}

/** A temporary container added to a running pod for debugging (no ports, probes or resources). */
export interface EphemeralContainer extends Container {
  /** Name of a container whose namespaces this one targets. */
  targetContainerName?: string;
}
