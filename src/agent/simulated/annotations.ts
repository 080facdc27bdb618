/**
 * The `gantry.dev/simulate-*` annotations that script a simulated pod's life (documented in
 * docs/simulated-nodes.md). Pod-wide keys apply to the regular containers; any key but the
 * pod-level ones may be narrowed to one container with a `.<container-name>` suffix, and init
 * containers take the init-* keys. Bad values are reported, never thrown: the pod then waits
 * with CreateContainerConfigError, as a kubelet does for a container it cannot configure.
 */
import type { Container, Pod } from '../../api/core/v1/index.js';
import { parseGoDuration } from './duration.js';

export const SIMULATE_PREFIX = 'gantry.dev/simulate-';

/** Keys that may carry a `.<container>` suffix. */
const CONTAINER_KEYS = ['duration', 'exit-code', 'crash-after', 'ready-after', 'not-ready'] as const;
/** Keys that only exist pod-wide. */
const POD_KEYS = ['start-delay', 'init-duration', 'init-exit-code', 'backoff-base', 'termination-delay'] as const;

type ContainerKey = (typeof CONTAINER_KEYS)[number];

/** How one container of a simulated pod behaves each time it runs. */
export interface ContainerPlan {
  /** Exits by itself this long after starting (undefined: runs until stopped). */
  runForMs?: number;
  /** The exit code when it exits by itself. */
  exitCode: number;
  /** Crashes this long after each start (undefined: never). */
  crashAfterMs?: number;
  /** The exit code of a crash (never 0). */
  crashExitCode: number;
  /** Passes readiness this long after each start. */
  readyAfterMs: number;
  /** Readiness never passes. */
  neverReady: boolean;
  /** Passes its startup probe this long after each start. */
  startedAfterMs: number;
}

/** The parsed script of one pod. */
export interface PodScript {
  /** By container name (init, sidecar and regular containers). */
  plans: Map<string, ContainerPlan>;
  /** Time from the node seeing the pod to its first container starting (image pull, sandbox). */
  startDelayMs: number;
  /** CrashLoopBackOff: the first delay, doubling up to 30 times this. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long containers take to exit after SIGTERM (beyond the grace period they are killed). */
  terminationDelayMs: number;
  /** Human-readable problems; non-empty means the pod cannot start. */
  errors: string[];
}

export const DEFAULT_BACKOFF_BASE_MS = 10_000;
const MAX_BACKOFF_FACTOR = 30;

type Annotations = Record<string, string>;

class Reader {
  readonly errors: string[] = [];
  constructor(private readonly ann: Annotations) {}

  /** Records a problem once (a pod-wide key is read for every container). */
  fail(message: string): void {
    if (!this.errors.includes(message)) this.errors.push(message);
  }

  private raw(key: string, container?: string): [string, string] | undefined {
    const names = container ? [`${SIMULATE_PREFIX}${key}.${container}`] : [`${SIMULATE_PREFIX}${key}`];
    for (const full of names) {
      const v = this.ann[full];
      if (typeof v === 'string') return [full, v];
    }
    return undefined;
  }

  duration(key: string, container?: string): number | undefined {
    const r = this.raw(key, container);
    if (!r) return undefined;
    try {
      return parseGoDuration(r[1]);
    } catch (e) {
      this.fail(`annotation ${r[0]}: ${(e as Error).message}`);
      return undefined;
    }
  }

  exitCode(key: string, container?: string): number | undefined {
    const r = this.raw(key, container);
    if (!r) return undefined;
    const v = r[1].trim();
    if (/^\d{1,3}$/.test(v) && Number(v) <= 255) return Number(v);
    this.fail(`annotation ${r[0]}: invalid exit code ${JSON.stringify(r[1])}: must be an integer from 0 to 255`);
    return undefined;
  }

  flag(key: string, container?: string): boolean | undefined {
    const r = this.raw(key, container);
    if (!r) return undefined;
    const v = r[1].trim().toLowerCase();
    if (v === 'true' || v === 'false') return v === 'true';
    this.fail(`annotation ${r[0]}: invalid value ${JSON.stringify(r[1])}: must be "true" or "false"`);
    return undefined;
  }
}

function probeDelayMs(probe: { initialDelaySeconds?: number } | undefined): number {
  const s = probe?.initialDelaySeconds;
  return probe && typeof s === 'number' && s > 0 ? s * 1000 : 0;
}

/** Checks every simulate-* key: unknown keys and suffixes naming no container are errors. */
function checkKeys(ann: Annotations, containerNames: Set<string>, errors: string[]): void {
  for (const key of Object.keys(ann)) {
    if (!key.startsWith(SIMULATE_PREFIX)) continue;
    const rest = key.slice(SIMULATE_PREFIX.length);
    if ((POD_KEYS as readonly string[]).includes(rest) || (CONTAINER_KEYS as readonly string[]).includes(rest)) continue;
    const dot = rest.indexOf('.');
    const base = dot < 0 ? rest : rest.slice(0, dot);
    if (dot > 0 && (CONTAINER_KEYS as readonly string[]).includes(base)) {
      const c = rest.slice(dot + 1);
      if (!containerNames.has(c)) errors.push(`annotation ${key}: the pod has no container named ${JSON.stringify(c)}`);
      continue;
    }
    errors.push(`unknown annotation ${key} (known: ${[...CONTAINER_KEYS, ...POD_KEYS].map((k) => SIMULATE_PREFIX + k).join(', ')})`);
  }
}

type Kind = 'init' | 'sidecar' | 'regular';

function planFor(r: Reader, c: Container, kind: Kind): ContainerPlan {
  const get = <T>(fn: (key: string, container?: string) => T | undefined, key: ContainerKey): T | undefined =>
    fn.call(r, key, c.name) ?? (kind === 'regular' ? fn.call(r, key) : undefined);
  let runForMs = get(r.duration, 'duration');
  let exitCode = get(r.exitCode, 'exit-code');
  if (kind === 'init') {
    runForMs ??= r.duration('init-duration') ?? 0;
    exitCode ??= r.exitCode('init-exit-code');
  }
  const code = exitCode ?? 0;
  const readyAfter = get(r.duration, 'ready-after');
  return {
    runForMs,
    exitCode: code,
    crashAfterMs: get(r.duration, 'crash-after'),
    crashExitCode: code !== 0 ? code : 1,
    readyAfterMs: readyAfter ?? probeDelayMs(c.readinessProbe),
    neverReady: get(r.flag, 'not-ready') ?? false,
    startedAfterMs: probeDelayMs(c.startupProbe),
  };
}

/** Reads a pod's simulate-* annotations into its script. Never throws. */
export function parsePodScript(pod: Pod): PodScript {
  const raw = pod.metadata?.annotations;
  const ann: Annotations = raw && typeof raw === 'object' ? raw : {};
  const r = new Reader(ann);
  const inits = Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : [];
  const regular = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  const plans = new Map<string, ContainerPlan>();
  for (const c of inits) plans.set(c.name, planFor(r, c, c.restartPolicy === 'Always' ? 'sidecar' : 'init'));
  for (const c of regular) plans.set(c.name, planFor(r, c, 'regular'));
  const backoffBaseMs = r.duration('backoff-base') ?? DEFAULT_BACKOFF_BASE_MS;
  if (backoffBaseMs <= 0) r.fail(`annotation ${SIMULATE_PREFIX}backoff-base: must be longer than 0s`);
  const base = backoffBaseMs > 0 ? backoffBaseMs : DEFAULT_BACKOFF_BASE_MS;
  const script: PodScript = {
    plans,
    startDelayMs: r.duration('start-delay') ?? 0,
    backoffBaseMs: base,
    backoffMaxMs: base * MAX_BACKOFF_FACTOR,
    terminationDelayMs: r.duration('termination-delay') ?? 0,
    errors: r.errors,
  };
  checkKeys(ann, new Set(plans.keys()), script.errors);
  return script;
}
