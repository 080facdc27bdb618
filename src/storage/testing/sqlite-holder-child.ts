/** Child process for the lock test: opens the sqlite store argv[2], says "ready", then waits. */
import { openBackend } from '../index.js';

const backend = await openBackend(`sqlite://${process.argv[2]}`, { autoCompact: false });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void backend.close().then(() => process.exit(0));
});
setInterval(() => undefined, 1000);
