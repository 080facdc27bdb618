/**
 * Flag parsing for subcommands: `--name value`, `--name=value` and boolean `--name`, with
 * environment variables GANTRY_<NAME> as the lower-precedence source.
 */
export interface FlagSpec {
  name: string;
  type: 'string' | 'number' | 'boolean';
  default?: string | number | boolean;
  help: string;
}

export type FlagValues = Record<string, string | number | boolean | undefined>;

export class UsageError extends Error {}

function envName(flag: string): string {
  return `GANTRY_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function convert(spec: FlagSpec, raw: string, source: string): string | number | boolean {
  if (spec.type === 'number') {
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new UsageError(`invalid value "${raw}" for ${source}: must be an integer`);
    return n;
  }
  if (spec.type === 'boolean') {
    if (raw === 'true' || raw === '1' || raw === '') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new UsageError(`invalid value "${raw}" for ${source}: must be true or false`);
  }
  return raw;
}

export function parseFlags(argv: string[], specs: FlagSpec[], env: NodeJS.ProcessEnv = process.env): FlagValues {
  const out: FlagValues = {};
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const s of specs) {
    const e = env[envName(s.name)];
    out[s.name] = e !== undefined ? convert(s, e, envName(s.name)) : s.default;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`unknown flag: --${name}`);
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (spec.type === 'boolean') raw = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`flag needs an argument: --${name}`);
      raw = next;
      i++;
    }
    out[name] = convert(spec, raw, `--${name}`);
  }
  return out;
}

export function flagHelp(specs: FlagSpec[]): string {
  return specs
    .map((s) => `  --${s.name}${s.type === 'boolean' ? '' : ` ${s.type === 'number' ? 'N' : 'VALUE'}`}\t${s.help}${s.default !== undefined ? ` (default ${String(s.default)})` : ''}`)
    .join('\n');
}
