/**
 * `gantry agent`: joins a cluster as node agent(s). Today only simulated nodes exist:
 * `gantry agent --kubeconfig FILE --simulated-nodes N` runs N of them until SIGTERM or SIGINT.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkNodeTemplate, loadKubeconfig, startSimulatedNodes } from '../server/components.js';
import { flagHelp, parseFlags, type FlagSpec, UsageError } from './flags.js';

export const AGENT_FLAGS: FlagSpec[] = [
  { name: 'server', type: 'string', help: 'API server URL (default: the kubeconfig\'s)' },
  { name: 'kubeconfig', type: 'string', help: 'Kubeconfig with the credentials to join with' },
  { name: 'simulated-nodes', type: 'number', default: 0, help: 'Run this many simulated nodes (no containers; for scale tests and capacity planning)' },
  { name: 'simulated-node-template', type: 'string', help: 'Node manifest (YAML or JSON) whose labels, taints, capacity and allocatable the simulated nodes take' },
  { name: 'simulated-node-prefix', type: 'string', default: 'sim-node-', help: 'Simulated node names are this plus 0, 1, 2...' },
  { name: 'simulated-pod-cidr', type: 'string', help: 'Range the simulated nodes\' pod CIDRs come from (default 10.42.0.0/16, or 10.128.0.0/9 for more than 256 nodes)' },
  { name: 'help', type: 'boolean', help: 'Show this help' },
];

export const AGENT_USAGE = `Usage: gantry agent --kubeconfig FILE --simulated-nodes N [flags]\n\nFlags:\n${flagHelp(AGENT_FLAGS)}\n`;

/** Reads a Node manifest (YAML or JSON) for --simulated-node-template. Throws a clear Error. */
export function readNodeTemplate(path: string): ReturnType<typeof checkNodeTemplate> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`--simulated-node-template: cannot read ${path}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new Error(`--simulated-node-template: ${path} is not valid YAML or JSON: ${(e as Error).message}`);
  }
  return checkNodeTemplate(doc, path);
}

export interface AgentCommandOptions {
  /** Stops the agent (default: SIGTERM or SIGINT). */
  signal?: AbortSignal;
  /** Where the ready line goes (default: stdout). */
  out?: (line: string) => void;
}

function untilSignal(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGTERM', done);
      process.off('SIGINT', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', done, { once: true });
    if (!signal) {
      process.on('SIGTERM', done);
      process.on('SIGINT', done);
    }
  });
}

export async function agentCommand(argv: string[], opts: AgentCommandOptions = {}): Promise<number> {
  const flags = parseFlags(argv, AGENT_FLAGS);
  const out = opts.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  if (flags.help) {
    process.stdout.write(AGENT_USAGE);
    return 0;
  }
  const kubeconfig = flags.kubeconfig;
  if (typeof kubeconfig !== 'string' || !kubeconfig) throw new UsageError('--kubeconfig is required');
  const count = flags['simulated-nodes'] as number;
  if (count < 0) throw new UsageError(`invalid value "${count}" for --simulated-nodes: must be 0 or more`);
  if (count === 0) throw new UsageError('gantry agent runs simulated nodes only for now: pass --simulated-nodes N');
  const config = loadKubeconfig(kubeconfig);
  if (typeof flags.server === 'string' && flags.server) config.server = flags.server;
  const templatePath = flags['simulated-node-template'];
  const template = typeof templatePath === 'string' && templatePath ? readNodeTemplate(templatePath) : undefined;
  const ctl = new AbortController();
  const sim = startSimulatedNodes(config, {
    count,
    template,
    namePrefix: flags['simulated-node-prefix'] as string,
    podCIDRBase: (flags['simulated-pod-cidr'] as string | undefined) || undefined,
    signal: ctl.signal,
  });
  const stopped = untilSignal(opts.signal);
  const started = Date.now();
  const outcome = await Promise.race([sim.ready.then(() => 'ready' as const), stopped.then(() => 'stopped' as const)]).catch((e: unknown) => e as Error);
  if (outcome instanceof Error) {
    await sim.stop();
    throw outcome;
  }
  if (outcome === 'ready') {
    const names = sim.nodes.length > 2 ? `${sim.nodes[0]} … ${sim.nodes[sim.nodes.length - 1]}` : sim.nodes.join(', ');
    out(`gantry agent ready: ${count} simulated node(s) (${names}) joined ${config.server} in ${Date.now() - started} ms`);
    await stopped;
  }
  ctl.abort();
  await sim.stop();
  return 0;
}
