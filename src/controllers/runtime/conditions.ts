/** Status condition helpers shared by controllers (find, set with transition times, remove). */

export interface ConditionLike {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}


export function findCondition<C extends ConditionLike>(conds: readonly C[] | undefined, type: string): C | undefined {
  return conds?.find((c) => c.type === type);
}

/**
 * `conds` with `cond` in place of the condition of its type. lastTransitionTime is kept when
 * the status did not change (upstream SetDeploymentCondition/SetCondition); when status and
 * reason are unchanged, the old condition stays as it was (no needless write).
 */
export function setCondition<C extends ConditionLike>(conds: readonly C[] | undefined, cond: C): C[] {
  const list = [...(conds ?? [])];
  const i = list.findIndex((c) => c.type === cond.type);
  if (i < 0) return [...list, cond];
  const old = list[i]!;
  if (old.status === cond.status && old.reason === cond.reason) return list;
  list[i] = old.status === cond.status && old.lastTransitionTime ? { ...cond, lastTransitionTime: old.lastTransitionTime } : cond;
  return list;
}

export function removeCondition<C extends ConditionLike>(conds: readonly C[] | undefined, type: string): C[] {
  return (conds ?? []).filter((c) => c.type !== type);
}
