/**
 * Runs the gantry CLI from source (through tsx), as bin/gantry.js runs the build:
 * tests spawn `node --import tsx test/support/run-gantry.ts server ...` and need no build step.
 */
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
