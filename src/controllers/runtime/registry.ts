/**
 * ControllerRegistry: controllers by name (and upstream alias), and kube-controller-manager's
 * --controllers selection: '*' enables every on-by-default controller, 'foo' enables foo, '-foo'
 * disables foo; the first entry naming a controller wins; without '*' only named ones run.
 */
import type { ControllerDefinition } from './controller.js';

export class ControllerRegistry {
  private readonly defs = new Map<string, ControllerDefinition>();
  private readonly aliases = new Map<string, string>();

  /** Adds definitions. Throws on a name or alias that is already taken. */
  register(...defs: ControllerDefinition[]): this {
    for (const def of defs) {
      const names = [def.name, ...(def.aliases ?? [])];
      for (const n of names) {
        if (this.aliases.has(n)) throw new Error(`controller name ${JSON.stringify(n)} is registered twice`);
      }
      this.defs.set(def.name, def);
      for (const n of names) this.aliases.set(n, def.name);
    }
    return this;
  }

  /** The definition called `name` (canonical name or alias). */
  get(name: string): ControllerDefinition | undefined {
    const canonical = this.aliases.get(name);
    return canonical === undefined ? undefined : this.defs.get(canonical);
  }

  list(): ControllerDefinition[] {
    return [...this.defs.values()];
  }

  /** Canonical names, sorted. */
  names(): string[] {
    return [...this.defs.keys()].sort();
  }

  /**
   * The definitions a --controllers list enables, in registration order. Throws a clear error
   * naming an unknown controller.
   */
  select(spec: readonly string[] = ['*']): ControllerDefinition[] {
    if (!Array.isArray(spec)) throw new Error('controllers: expected a list of controller names');
    const entries: { name: string; on: boolean }[] = [];
    let star = false;
    for (const raw of spec) {
      const item = String(raw ?? '').trim();
      if (item === '') continue;
      if (item === '*') {
        star = true;
        entries.push({ name: '*', on: true });
        continue;
      }
      const off = item.startsWith('-');
      const name = off ? item.slice(1) : item;
      const def = this.get(name);
      if (!def) throw new Error(`${JSON.stringify(name)} is not in the list of known controllers (${this.names().join(', ')})`);
      entries.push({ name: def.name, on: !off });
    }
    return this.list().filter((def) => {
      const explicit = entries.find((e) => e.name === def.name);
      if (explicit) return explicit.on;
      return star && !def.disabledByDefault;
    });
  }
}
