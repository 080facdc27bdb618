/**
 * Scheduling profiles: a schedulerName and its plugin set (the default profile, minus disabled
 * plugins, plus extra or re-weighted ones, with per-plugin arguments). Pods choose a profile
 * through spec.schedulerName; pods naming no profile of this scheduler are left alone.
 */
import type { PluginFactory } from './framework/interface.js';
import { Framework, type FrameworkContext, type PluginSpec } from './framework/runtime.js';
import { DEFAULT_PLUGINS, inTreeRegistry } from './plugins/registry.js';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface ProfileConfig {
  schedulerName: string;
  /** Default plugins to leave out ('*' for all of them). */
  disabled?: string[];
  /** Plugins to add, or default ones to re-weight. */
  enabled?: PluginSpec[];
  /** Arguments by plugin name, e.g. { NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } }. */
  pluginConfig?: Record<string, Record<string, unknown>>;
}

/** The plugin list of a profile. Throws a clear Error on a bad configuration. */
export function resolvePlugins(p: ProfileConfig): PluginSpec[] {
  const disabled = new Set(p.disabled ?? []);
  const list: PluginSpec[] = disabled.has('*') ? [] : DEFAULT_PLUGINS.filter((s) => !disabled.has(s.name)).map((s) => ({ ...s }));
  for (const e of p.enabled ?? []) {
    if (!e || typeof e.name !== 'string' || !e.name) throw new Error(`profile ${JSON.stringify(p.schedulerName)}: an enabled plugin needs a name`);
    const existing = list.find((s) => s.name === e.name);
    if (existing) existing.weight = e.weight ?? existing.weight;
    else list.push({ ...e });
  }
  return list;
}

/** Builds one Framework per profile; schedulerNames must be unique. */
export function buildFrameworks(
  profiles: readonly ProfileConfig[],
  context: FrameworkContext,
  extraRegistry?: ReadonlyMap<string, PluginFactory>,
): Map<string, Framework> {
  if (!Array.isArray(profiles) || profiles.length === 0) throw new Error('scheduler: at least one profile is needed');
  const registry = new Map(inTreeRegistry());
  for (const [k, v] of extraRegistry ?? []) registry.set(k, v);
  const out = new Map<string, Framework>();
  for (const p of profiles) {
    if (!p || typeof p.schedulerName !== 'string' || !p.schedulerName) throw new Error('scheduler: every profile needs a schedulerName');
    if (out.has(p.schedulerName)) throw new Error(`scheduler: duplicate profile ${JSON.stringify(p.schedulerName)}`);
    out.set(p.schedulerName, new Framework({ schedulerName: p.schedulerName, plugins: resolvePlugins(p), registry, pluginConfig: p.pluginConfig, context }));
  }
  const sorts = new Set([...out.values()].map((f) => f.queueSort?.name ?? ''));
  if (sorts.size !== 1 || sorts.has('')) throw new Error('scheduler: every profile must use the same queue sort plugin');
  return out;
}
