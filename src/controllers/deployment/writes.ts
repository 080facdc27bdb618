/** The writes of the deployment controller, behind an interface so that tests can fake them. */
import { deployment as deploymentKind, replicaSet as replicaSetKind, type Deployment, type ReplicaSet } from '../../api/apps/v1/index.js';
import type { RestClient } from '../../client/index.js';
import { isNotFound } from '../../machinery/index.js';

export interface DeploymentWrites {
  createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  /** PUT of a replica set (its spec and metadata; the server keeps its status). */
  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  /** Deletes a replica set (a vanished one is not an error). */
  deleteReplicaSet(namespace: string, name: string): Promise<void>;
  /** Merge patch of a replica set (adoption and release). */
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
    updateReplicaSet: (rs) => rss.update(rs),
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
