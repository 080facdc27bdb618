/** Plugin names, as upstream spells them (profiles and events refer to plugins by name). */
export const NAMES = {
  PrioritySort: 'PrioritySort',
  NodeName: 'NodeName',
  NodeUnschedulable: 'NodeUnschedulable',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  NodeAffinity: 'NodeAffinity',
  TaintToleration: 'TaintToleration',
  InterPodAffinity: 'InterPodAffinity',
  PodTopologySpread: 'PodTopologySpread',
  DefaultPreemption: 'DefaultPreemption',
  DefaultBinder: 'DefaultBinder',
} as const;
