/** argv → subcommand. The CLI only parses flags and calls actions in src/server. */
import { agentCommand } from './agent-command.js';
import { serverCommand } from './server-command.js';
import { UsageError } from './flags.js';

const USAGE = `Usage: gantry <command> [flags]

Commands:
  server    Run the control plane (API server and store) in the foreground
  agent     Join a cluster as simulated nodes (capacity planning, scale tests)
  version   Print the version

Run "gantry <command> --help" for a command's flags.
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
        process.stderr.write(USAGE);
        return 1;
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case 'version':
      case '--version':
        process.stdout.write('gantry v0.1.0 (Kubernetes API v1.32)\n');
        return 0;
      case 'server':
        return await serverCommand(rest);
      case 'agent':
        return await agentCommand(rest);
      default:
        throw new UsageError(`unknown command "${cmd}" (see "gantry help")`);
    }
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
