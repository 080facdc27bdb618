/**
 * ResourceQuota evaluation, shared by the quota controller (which keeps status.used) and
 * admission (which refuses a create over a quota with 403 Forbidden):
 *
 *   const msg = checkQuota(quotasInNamespace, pod, { resource: { group: '', resource: 'pods' } });
 *   if (msg) throw ApiError.forbidden({ group: '', resource: 'pods' }, name, { reason: msg });
 *   // → pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=10, limited: pods=10
 *
 * evaluateQuotas() also answers each matching quota's status.used with the object added, for
 * admission to write back (compare-and-swap on the quota's resourceVersion, as upstream).
 */
export { checkQuota, computeUsed, evaluateQuotas, matchingNames, podMatchesScope, quotaMatches, scopeRequirements, type QuotaCharge, type QuotaDecision } from './check.js';
export { handlesResourceName, objectCountName, podCharged, podResourceTotals, usageOf, type QuotaResource } from './evaluators.js';
export { prettyPrint, usedFor, type Usage } from './usage.js';
