/** core/v1 ServiceAccount: an identity for processes that run in pods. */
import { defineKind } from '../../kind.js';
import type { KubeObject } from '../../meta.js';
import { ageColumn, col, formatAge, nameColumn } from '../../printing.js';
import type { ObjectReference } from './object-reference.js';
import type { LocalObjectReference } from './pod-spec-types.js';

export interface ServiceAccount extends KubeObject {
  /** Secrets pods running as this account may use (legacy; not used for tokens any more). */
  secrets?: ObjectReference[];
  /** Image pull secrets added to pods that run as this account. */
  imagePullSecrets?: LocalObjectReference[];
  /** Whether pods running as this account get an API token mounted automatically. */
  automountServiceAccountToken?: boolean;
}

export const serviceAccount = defineKind<ServiceAccount>({
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  extraSubresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }],
  generationFields: [],
  table: {
    columns: [nameColumn, col('Secrets', 0, 'string', 'The number of secrets listed for the service account.'), ageColumn],
    cells: (sa, now) => [sa.metadata.name, (sa.secrets ?? []).length, formatAge(sa.metadata.creationTimestamp, now)],
  },
});
