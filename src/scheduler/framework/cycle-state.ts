/**
 * Per-pod scratch space shared by the plugins of one scheduling cycle (upstream CycleState).
 * Values that implement `clone()` are copied by `clone()` (preemption dry-runs change them).
 */

/** State data a plugin keeps in a CycleState. */
export interface StateData {
  clone?(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run. */
  readonly skipFilter = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run. */
  readonly skipScore = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  /** A copy whose StateData values are cloned (when they can be). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) {
      const cloneFn = (v as StateData | undefined)?.clone;
      c.data.set(k, typeof cloneFn === 'function' ? cloneFn.call(v) : v);
    }
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    return c;
  }
}
