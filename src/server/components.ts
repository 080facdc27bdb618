/**
 * The components `gantry server` and `gantry agent` run next to the API server. Each is an API
 * client that reaches the server over HTTPS with the admin credentials, exactly as it would from
 * another machine. This module is the one place that knows them all.
 */
export { checkNodeTemplate, startSimulatedNodes, type SimulatedNodes } from '../agent/index.js';
export { configFromPem, loadKubeconfig, type ClientConfig } from '../client/index.js';
export { startScheduler, type RunningScheduler } from '../scheduler/index.js';
export { startControllerManager, type RunningControllerManager } from '../controllers/index.js';
