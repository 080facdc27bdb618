/**
 * The in-tree plugins by name, and the default profile's plugin list with upstream's score
 * weights (TaintToleration 3; NodeAffinity, PodTopologySpread and InterPodAffinity 2; the
 * resource scorers 1).
 */
import type { PluginFactory } from '../framework/interface.js';
import type { PluginSpec } from '../framework/runtime.js';
import { DefaultBinder } from './defaultbinder/default-binder.js';
import { DefaultPreemption, type PreemptionArgs } from './defaultpreemption/default-preemption.js';
import { InterPodAffinity, type InterPodAffinityArgs } from './interpodaffinity/inter-pod-affinity.js';
import { NAMES } from './names.js';
import { NodeAffinity } from './nodeaffinity/node-affinity.js';
import { NodeName } from './nodename/node-name.js';
import { NodePorts } from './nodeports/node-ports.js';
import { BalancedAllocation, NodeResourcesFit, type FitArgs } from './noderesources/fit.js';
import type { ResourceSpec } from './noderesources/scorers.js';
import { NodeUnschedulable } from './nodeunschedulable/node-unschedulable.js';
import type { SpreadArgs } from './podtopologyspread/constraints.js';
import { PodTopologySpread } from './podtopologyspread/pod-topology-spread.js';
import { PrioritySort } from './queuesort/priority-sort.js';
import { TaintToleration } from './tainttoleration/taint-toleration.js';

export function inTreeRegistry(): Map<string, PluginFactory> {
  return new Map<string, PluginFactory>([
    [NAMES.PrioritySort, () => new PrioritySort()],
    [NAMES.NodeName, () => new NodeName()],
    [NAMES.NodeUnschedulable, () => new NodeUnschedulable()],
    [NAMES.NodePorts, () => new NodePorts()],
    [NAMES.NodeResourcesFit, (args) => new NodeResourcesFit(args as FitArgs)],
    [NAMES.NodeResourcesBalancedAllocation, (args) => new BalancedAllocation(args as { resources?: ResourceSpec[] })],
    [NAMES.NodeAffinity, () => new NodeAffinity()],
    [NAMES.TaintToleration, () => new TaintToleration()],
    [NAMES.InterPodAffinity, (args, h) => new InterPodAffinity(h, args as InterPodAffinityArgs)],
    [NAMES.PodTopologySpread, (args, h) => new PodTopologySpread(h, args as SpreadArgs)],
    [NAMES.DefaultPreemption, (args, h) => new DefaultPreemption(h, args as PreemptionArgs)],
    [NAMES.DefaultBinder, (_args, h) => new DefaultBinder(h)],
  ]);
}

/** The default profile, in upstream's order (filters run in this order, cheapest first). */
export const DEFAULT_PLUGINS: readonly PluginSpec[] = [
  { name: NAMES.PrioritySort },
  { name: NAMES.NodeUnschedulable },
  { name: NAMES.NodeName },
  { name: NAMES.TaintToleration, weight: 3 },
  { name: NAMES.NodeAffinity, weight: 2 },
  { name: NAMES.NodePorts },
  { name: NAMES.NodeResourcesFit, weight: 1 },
  { name: NAMES.PodTopologySpread, weight: 2 },
  { name: NAMES.InterPodAffinity, weight: 2 },
  { name: NAMES.DefaultPreemption },
  { name: NAMES.NodeResourcesBalancedAllocation, weight: 1 },
  { name: NAMES.DefaultBinder },
];
