/** Test support: the end-to-end harness and small helpers. */
export { startGantry, REPO_ROOT, type Gantry, type StartGantryOptions } from './gantry.js';
export { kubectl, DEFAULT_KUBECTL, type KubectlOptions, type KubectlResult } from './kubectl.js';
export { httpsRequest, readKubeconfig, type Credentials, type HttpsResponse } from './https.js';
export { runProcess, stopChild, signalPid, type ExitInfo, type RunOptions, type RunResult } from './process.js';
export { freePort, tempDir, type TempDir } from './temp.js';
export { waitFor, sleep, type WaitForOptions } from './wait.js';
