/** `gantry server`: runs the control plane in the foreground until SIGTERM or SIGINT. */
import { startServer } from '../server/run-server.js';
import { readNodeTemplate } from './agent-command.js';
import { flagHelp, parseFlags, type FlagSpec, UsageError } from './flags.js';

export const SERVER_FLAGS: FlagSpec[] = [
  { name: 'data-dir', type: 'string', help: 'Directory for the store, certificates and kubeconfig.yaml' },
  { name: 'port', type: 'number', default: 6443, help: 'HTTPS port of the API server' },
  { name: 'bind', type: 'string', default: '127.0.0.1', help: 'Address to listen on' },
  { name: 'datastore', type: 'string', help: 'Store URL: sqlite:///path/state.db (default, under --data-dir), etcd://host:2379,... or memory://' },
  { name: 'service-cidr', type: 'string', default: '10.43.0.0/16', help: 'Range for Service cluster IPs' },
  { name: 'service-node-port-range', type: 'string', default: '30000-32767', help: 'Range for NodePorts' },
  { name: 'controllers', type: 'string', default: '*', help: "Controllers to run, as kube-controller-manager: '*' (all), 'name' enables, '-name' disables (e.g. '*,-job'); '' runs none" },
  { name: 'disable-scheduler', type: 'boolean', default: false, help: 'Do not run the scheduler in this process' },
  { name: 'simulated-nodes', type: 'number', default: 0, help: 'Run this many simulated nodes inside the server (no processes; for scale tests and capacity planning)' },
  { name: 'simulated-node-template', type: 'string', help: 'A Node manifest (YAML or JSON) giving the simulated nodes capacity, labels and taints' },
  { name: 'help', type: 'boolean', help: 'Show this help' },
];

export const SERVER_USAGE = `Usage: gantry server --data-dir DIR [flags]\n\nFlags:\n${flagHelp(SERVER_FLAGS)}\n`;

export async function serverCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, SERVER_FLAGS);
  if (flags.help) {
    process.stdout.write(SERVER_USAGE);
    return 0;
  }
  const dataDir = flags['data-dir'];
  if (typeof dataDir !== 'string' || !dataDir) throw new UsageError('--data-dir is required');
  const port = flags.port as number;
  if (port < 0 || port > 65535) throw new UsageError(`invalid value "${port}" for --port: must be 0-65535`);
  const simulated = flags['simulated-nodes'] as number;
  if (!Number.isInteger(simulated) || simulated < 0) {
    throw new UsageError(`invalid value "${simulated}" for --simulated-nodes: must be 0 or more`);
  }
  const templatePath = flags['simulated-node-template'];
  const template = typeof templatePath === 'string' && templatePath ? readNodeTemplate(templatePath) : undefined;
  const started = Date.now();
  const server = await startServer({
    scheduler: !flags['disable-scheduler'],
    controllers: String(flags.controllers ?? '*').split(',').map((c) => c.trim()).filter(Boolean),
    simulatedNodes: simulated,
    simulatedNodeTemplate: template,
    dataDir,
    port,
    bind: flags.bind as string,
    datastore: flags.datastore as string | undefined,
    serviceCIDR: flags['service-cidr'] as string,
    nodePortRange: flags['service-node-port-range'] as string,
  });
  process.stdout.write(
    `gantry server ready at ${server.url} in ${Date.now() - started} ms; kubeconfig: ${server.kubeconfig}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  const timer = setTimeout(() => {
    process.stderr.write('error: shutdown took longer than 5 s; exiting\n');
    process.exit(1);
  }, 5000);
  timer.unref();
  await server.stop();
  return 0;
}
