/** argv → subcommand. The CLI only parses flags and calls actions in src/server. */
export async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  switch (cmd) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return cmd === undefined ? 1 : 0;
    case 'version':
    case '--version':
      process.stdout.write('gantry v0.1.0\n');
      return 0;
    default:
      process.stderr.write(`error: unknown command "${cmd}" (see "gantry help")\n`);
      return 1;
  }
}

const USAGE = `Usage: gantry <command> [flags]

Commands:
  server    Run the control plane (API server and store) in the foreground
  version   Print the version
`;
