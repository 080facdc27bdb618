/** The ResourceQuota controller (status.hard and status.used). Evaluation lives in src/api/quota. */
export { resourceQuotaController, ResourceQuotaReconciler, countedResource, resourcesFor } from './resourcequota.js';
