/**
 * Framework: one scheduling profile's plugins, sorted into extension points, and the code that
 * runs them (upstream frameworkImpl). A plugin takes part in every extension point whose method
 * it has. The Framework is also the Handle the plugins get.
 */
import type { Pod } from '../../api/core/v1/index.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/index.js';
import type { Labels, Selector } from '../../machinery/index.js';
import type { Clock } from '../../util/index.js';
import type { CycleState } from './cycle-state.js';
import type { Diagnosis } from './diagnosis.js';
import type {
  BindPlugin,
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  NodeLister,
  PermitPlugin,
  Plugin,
  PluginFactory,
  PostBindPlugin,
  PostFilterPlugin,
  PostFilterResult,
  PreBindPlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  SchedulerApi,
  ScorePlugin,
} from './interface.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { Status, asStatus } from './status.js';
import { WaitingPods } from './waiting-pods.js';

/** A plugin of a profile, with its score weight. */
export interface PluginSpec {
  name: string;
  /** Score weight (default 1). */
  weight?: number;
}

/** What the framework needs from the scheduler around it (the rest of Handle it implements itself). */
export type FrameworkContext = Pick<
  Handle,
  | 'nodes'
  | 'clock'
  | 'api'
  | 'namespaceLabels'
  | 'namespaces'
  | 'podDisruptionBudgets'
  | 'defaultSpreadSelector'
  | 'nominatedPodsForNode'
  | 'clearNominatedNode'
  | 'event'
>;

export interface FrameworkOptions {
  schedulerName: string;
  plugins: readonly PluginSpec[];
  registry: ReadonlyMap<string, PluginFactory>;
  pluginConfig?: Readonly<Record<string, Record<string, unknown>>>;
  context: FrameworkContext;
}

interface WeightedScore {
  plugin: ScorePlugin;
  weight: number;
}

const has = <T extends Plugin>(p: Plugin, method: string): p is T => typeof (p as unknown as Record<string, unknown>)[method] === 'function';

export class Framework implements Handle {
  readonly schedulerName: string;
  readonly plugins: readonly Plugin[];
  readonly queueSort: QueueSortPlugin | undefined;
  readonly preFilters: PreFilterPlugin[] = [];
  readonly filters: FilterPlugin[] = [];
  readonly postFilters: PostFilterPlugin[] = [];
  readonly preScores: PreScorePlugin[] = [];
  readonly scores: WeightedScore[] = [];
  readonly reserves: ReservePlugin[] = [];
  readonly permits: PermitPlugin[] = [];
  readonly preBinds: PreBindPlugin[] = [];
  readonly binds: BindPlugin[] = [];
  readonly postBinds: PostBindPlugin[] = [];
  readonly enqueueExtensions: EnqueueExtensions[] = [];
  readonly waitingPods = new WaitingPods();
  private readonly ctx: FrameworkContext;

  constructor(opts: FrameworkOptions) {
    this.schedulerName = opts.schedulerName;
    this.ctx = opts.context;
    const built: Plugin[] = [];
    for (const spec of opts.plugins) {
      const factory = opts.registry.get(spec.name);
      if (!factory) throw new Error(`scheduler profile ${JSON.stringify(opts.schedulerName)}: unknown plugin ${JSON.stringify(spec.name)}`);
      const plugin = factory(opts.pluginConfig?.[spec.name], this);
      built.push(plugin);
      this.classify(plugin, spec);
    }
    this.plugins = built;
    const sorts = built.filter((p): p is QueueSortPlugin => has<QueueSortPlugin>(p, 'less'));
    if (sorts.length > 1) throw new Error(`scheduler profile ${JSON.stringify(opts.schedulerName)}: only one queue sort plugin may be enabled`);
    this.queueSort = sorts[0];
    if (this.binds.length === 0) throw new Error(`scheduler profile ${JSON.stringify(opts.schedulerName)}: at least one bind plugin is needed`);
  }

  private classify(p: Plugin, spec: PluginSpec): void {
    if (has<PreFilterPlugin>(p, 'preFilter')) this.preFilters.push(p);
    if (has<FilterPlugin>(p, 'filter')) this.filters.push(p);
    if (has<PostFilterPlugin>(p, 'postFilter')) this.postFilters.push(p);
    if (has<PreScorePlugin>(p, 'preScore')) this.preScores.push(p);
    if (has<ScorePlugin>(p, 'score')) {
      const weight = spec.weight ?? 1;
      if (!Number.isInteger(weight) || weight <= 0) throw new Error(`score plugin ${p.name}: weight must be a positive integer, got ${weight}`);
      this.scores.push({ plugin: p, weight });
    }
    if (has<ReservePlugin>(p, 'reserve')) this.reserves.push(p);
    if (has<PermitPlugin>(p, 'permit')) this.permits.push(p);
    if (has<PreBindPlugin>(p, 'preBind')) this.preBinds.push(p);
    if (has<BindPlugin>(p, 'bind')) this.binds.push(p);
    if (has<PostBindPlugin>(p, 'postBind')) this.postBinds.push(p);
    if (has<EnqueueExtensions>(p, 'eventsToRegister')) this.enqueueExtensions.push(p);
  }

  // ---- Handle ----

  get nodes(): NodeLister {
    return this.ctx.nodes;
  }

  get clock(): Clock {
    return this.ctx.clock;
  }

  get api(): SchedulerApi {
    return this.ctx.api;
  }

  namespaceLabels(namespace: string): Labels | undefined {
    return this.ctx.namespaceLabels(namespace);
  }

  namespaces(): Iterable<{ name: string; labels: Labels }> {
    return this.ctx.namespaces();
  }

  podDisruptionBudgets(): readonly PodDisruptionBudget[] {
    return this.ctx.podDisruptionBudgets();
  }

  defaultSpreadSelector(pod: Pod): Selector | undefined {
    return this.ctx.defaultSpreadSelector(pod);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.ctx.nominatedPodsForNode(nodeName);
  }

  clearNominatedNode(pod: PodInfo): void {
    this.ctx.clearNominatedNode(pod);
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.event(pod, type, reason, message);
  }

  // ---- PreFilter / Filter ----

  /**
   * Runs every PreFilter. Returns the rejection (with the plugin named), or the node names the
   * plugins narrowed the search to (undefined: all nodes).
   */
  runPreFilterPlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { status?: Status; nodeNames?: Set<string> } {
    let nodeNames: Set<string> | undefined;
    for (const p of this.preFilters) {
      let r;
      try {
        r = p.preFilter(state, pod, nodes);
      } catch (e) {
        return { status: asStatus(e, p.name) };
      }
      if (r === undefined) continue;
      if (r instanceof Status) {
        if (r.code === 'Skip') {
          state.skipFilter.add(p.name);
          continue;
        }
        if (!r.isSuccess()) return { status: r.withPlugin(r.plugin || p.name) };
        continue;
      }
      nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames.has(n))) : new Set(r.nodeNames);
      if (nodeNames.size === 0) {
        return { status: new Status('UnschedulableAndUnresolvable', ['node(s) didn\'t satisfy plugin(s) [' + p.name + '] simultaneously'], p.name) };
      }
    }
    return { nodeNames };
  }

  /** The Filter plugins not skipped by PreFilter, in order. */
  activeFilters(state: CycleState): FilterPlugin[] {
    if (state.skipFilter.size === 0) return this.filters;
    return this.filters.filter((p) => !state.skipFilter.has(p.name));
  }

  /** Runs `filters` on one node; the first rejection wins. */
  runFilters(filters: readonly FilterPlugin[], state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    for (let i = 0; i < filters.length; i++) {
      const p = filters[i]!;
      let s: Status | undefined;
      try {
        s = p.filter(state, pod, node);
      } catch (e) {
        return asStatus(e, p.name);
      }
      if (s !== undefined && s.code !== 'Success') return s.plugin ? s : s.withPlugin(p.name);
    }
    return undefined;
  }

  runFilterPlugins(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return this.runFilters(this.activeFilters(state), state, pod, node);
  }

  /**
   * Filters twice when pods of equal or higher priority are nominated to the node: once as if
   * they were running there, once without them (upstream RunFilterPluginsWithNominatedPods).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return this.filterWithNominated(this.activeFilters(state), state, pod, node);
  }

  filterWithNominated(filters: readonly FilterPlugin[], state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    const nominated = this.ctx.nominatedPodsForNode(node.name);
    if (nominated.length > 0) {
      const added = this.withNominatedPods(state, pod, node, nominated);
      if (added) {
        if (added.status) return added.status;
        const s = this.runFilters(filters, added.state, pod, added.node);
        if (s) return s;
      }
    }
    return this.runFilters(filters, state, pod, node);
  }

  private withNominatedPods(
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    nominated: readonly PodInfo[],
  ): { state: CycleState; node: NodeInfo; status?: Status } | undefined {
    let copy: NodeInfo | undefined;
    let stateCopy: CycleState | undefined;
    for (const np of nominated) {
      if (np.priority < pod.priority || np.key === pod.key) continue;
      copy ??= node.clone();
      stateCopy ??= state.clone();
      copy.addPod(np);
      const s = this.runPreFilterExtensionAddPod(stateCopy, pod, np, copy);
      if (s) return { state: stateCopy, node: copy, status: s };
    }
    return copy && stateCopy ? { state: stateCopy, node: copy } : undefined;
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, node: NodeInfo): Status | undefined {
    return this.runExtension(state, (p) => p.preFilterExtensions?.addPod(state, pod, podToAdd, node));
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, node: NodeInfo): Status | undefined {
    return this.runExtension(state, (p) => p.preFilterExtensions?.removePod(state, pod, podToRemove, node));
  }

  private runExtension(state: CycleState, fn: (p: PreFilterPlugin) => Status | undefined): Status | undefined {
    for (const p of this.preFilters) {
      if (!p.preFilterExtensions || state.skipFilter.has(p.name)) continue;
      try {
        const s = fn(p);
        if (s && !s.isSuccess()) return s.withPlugin(s.plugin || p.name);
      } catch (e) {
        return asStatus(e, p.name);
      }
    }
    return undefined;
  }

  // ---- PostFilter ----

  runPostFilterPlugins(state: CycleState, pod: PodInfo, d: Diagnosis): { result?: PostFilterResult; status: Status } {
    let last: { result?: PostFilterResult; status: Status } = { status: Status.unschedulable() };
    const messages: string[] = [];
    for (const p of this.postFilters) {
      let r;
      try {
        r = p.postFilter(state, pod, d);
      } catch (e) {
        return { status: asStatus(e, p.name) };
      }
      if (r.status.isSuccess()) return r;
      if (r.status.code !== 'Unschedulable' && r.status.code !== 'UnschedulableAndUnresolvable') return r;
      if (r.status.message()) messages.push(r.status.message());
      last = r;
    }
    return { result: last.result, status: new Status(last.status.code, messages.length ? [messages.join(' ')] : []) };
  }

  // ---- PreScore / Score ----

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | undefined {
    for (const p of this.preScores) {
      let s: Status | undefined;
      try {
        s = p.preScore(state, pod, nodes);
      } catch (e) {
        return asStatus(e, p.name);
      }
      if (s === undefined || s.isSuccess()) continue;
      if (s.code === 'Skip') state.skipScore.add(p.name);
      else return s.withPlugin(s.plugin || p.name);
    }
    return undefined;
  }

  /** Weighted, normalised total per node (index-aligned with `nodes`). */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): number[] {
    const n = nodes.length;
    const totals = new Array<number>(n).fill(0);
    const scores = new Array<number>(n);
    for (const { plugin, weight } of this.scores) {
      if (state.skipScore.has(plugin.name)) continue;
      for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, nodes[i]!);
      plugin.normalizeScores?.(state, pod, scores, nodes);
      for (let i = 0; i < n; i++) {
        const s = scores[i]!;
        if (!(s >= 0 && s <= 100)) throw new Error(`plugin ${plugin.name} returned an invalid score ${s}`);
        totals[i]! += s * weight;
      }
    }
    return totals;
  }

  // ---- Reserve / Permit / Bind ----

  runReservePluginsReserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined {
    for (const p of this.reserves) {
      try {
        const s = p.reserve(state, pod, nodeName);
        if (s && !s.isSuccess()) return s.withPlugin(s.plugin || p.name);
      } catch (e) {
        return asStatus(e, p.name);
      }
    }
    return undefined;
  }

  /** Unreserve runs in reverse order and never fails. */
  runReservePluginsUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reserves.length - 1; i >= 0; i--) {
      try {
        this.reserves[i]!.unreserve(state, pod, nodeName);
      } catch {
        // Unreserve must not fail; a broken plugin cannot stop the others.
      }
    }
  }

  /** Success, a rejection, or Wait (then waitOnPermit decides). */
  runPermitPlugins(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined {
    const waits = new Map<string, number>();
    for (const p of this.permits) {
      let r;
      try {
        r = p.permit(state, pod, nodeName);
      } catch (e) {
        return asStatus(e, p.name);
      }
      if (!r || r.status.isSuccess()) continue;
      if (r.status.code === 'Wait') waits.set(p.name, Math.min(r.timeoutMs ?? 15 * 60_000, 15 * 60_000));
      else return r.status.withPlugin(r.status.plugin || p.name);
    }
    if (waits.size === 0) return undefined;
    this.waitingPods.add(pod, waits, this.ctx.clock);
    return Status.wait();
  }

  waitOnPermit(pod: PodInfo): Promise<Status | undefined> {
    return this.waitingPods.wait(pod.key);
  }

  async runPreBindPlugins(state: CycleState, pod: PodInfo, nodeName: string, signal: AbortSignal): Promise<Status | undefined> {
    for (const p of this.preBinds) {
      try {
        const s = await p.preBind(state, pod, nodeName, signal);
        if (s && !s.isSuccess()) return s.withPlugin(s.plugin || p.name);
      } catch (e) {
        return asStatus(e, p.name);
      }
    }
    return undefined;
  }

  async runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string, signal: AbortSignal): Promise<Status | undefined> {
    for (const p of this.binds) {
      let s: Status | undefined;
      try {
        s = await p.bind(state, pod, nodeName, signal);
      } catch (e) {
        return asStatus(e, p.name);
      }
      if (s?.code === 'Skip') continue;
      return s && !s.isSuccess() ? s.withPlugin(s.plugin || p.name) : undefined;
    }
    return Status.error('no bind plugin bound the pod');
  }

  runPostBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (const p of this.postBinds) {
      try {
        p.postBind(state, pod, nodeName);
      } catch {
        // Informational only.
      }
    }
  }
}
