/** The writes of the deployment controller, behind an interface so that tests can fake them. */
import { deployment as deploymentKind, replicaSet as replicaSetKind, type Deployment, type ReplicaSet } from '../../api/apps/v1/index.js';
import type { RestClient } from '../../client/index.js';
import { ApiError, isNotFound } from '../../machinery/index.js';

/** JSON-pointer escaping of one path segment. */
const pointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** A JSON patch: test spec.replicas is `from`, set it to `to`, set `annotations`. */
export function scalePatch(rs: ReplicaSet, from: number, to: number, annotations: Record<string, string>): unknown[] {
  const ops: unknown[] =
    rs.spec.replicas === undefined
      ? [{ op: 'add', path: '/spec/replicas', value: to }]
      : [
          { op: 'test', path: '/spec/replicas', value: from },
          { op: 'replace', path: '/spec/replicas', value: to },
        ];
  if (!rs.metadata.annotations) ops.push({ op: 'add', path: '/metadata/annotations', value: annotations });
  else for (const [k, v] of Object.entries(annotations)) ops.push({ op: 'add', path: `/metadata/annotations/${pointer(k)}`, value: v });
  return ops;
}

export interface DeploymentWrites {
  createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  /** An uncached read (undefined when it does not exist). */
  getReplicaSet(namespace: string, name: string): Promise<ReplicaSet | undefined>;
  /**
   * Sets spec.replicas of `rs` (read with `from` replicas) and merges `annotations`. The write
   * fails with a conflict when spec.replicas is no longer `from`; status writes do not disturb it.
   */
  scaleReplicaSet(rs: ReplicaSet, from: number, to: number, annotations: Record<string, string>): Promise<ReplicaSet>;
  /** Deletes a replica set (a vanished one is not an error). */
  deleteReplicaSet(namespace: string, name: string): Promise<void>;
  /** Merge patch of a replica set (adoption, release, annotations). */
  patchReplicaSet(namespace: string, name: string, body: unknown): Promise<ReplicaSet>;
  updateDeploymentStatus(d: Deployment): Promise<Deployment>;
  /** Merge patch of a deployment (the revision annotation). */
  patchDeployment(namespace: string, name: string, body: unknown): Promise<Deployment>;
  getDeployment(namespace: string, name: string): Promise<Deployment>;
}

export function apiWrites(client: RestClient): DeploymentWrites {
  const rss = client.resource<ReplicaSet>(replicaSetKind);
  const ds = client.resource<Deployment>(deploymentKind);
  return {
    createReplicaSet: (rs) => rss.create(rs),
    async getReplicaSet(ns, name) {
      try {
        return await rss.get(ns, name);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async scaleReplicaSet(rs, from, to, annotations) {
      try {
        return await rss.patch(rs.metadata.namespace, rs.metadata.name ?? '', { type: 'json', body: scalePatch(rs, from, to, annotations) });
      } catch (err) {
        // A failed test op: someone else resized it since our read. Same meaning as a conflict.
        if ((err as { code?: number }).code === 422 && /test failed/.test((err as Error).message)) {
          throw ApiError.conflict({ group: 'apps', resource: 'replicasets' }, rs.metadata.name ?? '');
        }
        throw err;
      }
    },
    async deleteReplicaSet(ns, name) {
      try {
        await rss.delete(ns, name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    patchReplicaSet: (ns, name, body) => rss.patch(ns, name, { type: 'merge', body }),
    updateDeploymentStatus: (d) => ds.updateStatus(d),
    patchDeployment: (ns, name, body) => ds.patch(ns, name, { type: 'merge', body }),
    getDeployment: (ns, name) => ds.get(ns, name),
  };
}
