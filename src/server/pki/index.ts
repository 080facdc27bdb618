/** Certificates, kubeconfigs and static tokens for a Gantry cluster. */
export {
  ensurePki,
  issueClientCert,
  issueServingCert,
  pkiPaths,
  ADMIN_SUBJECT,
  RENEW_BEFORE_MS,
  type Pki,
  type PkiPaths,
  type EnsurePkiOptions,
  type CertAndKey,
} from './pki.js';
export type { Subject } from './certs.js';
export { renderKubeconfig, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
export { ensureAdminToken, loadTokenFile, tokenFilePath, type AdminToken, type TokenUser } from './tokens.js';
export { defaultHosts, serverUrl, buildSanSet, DEFAULT_SERVICE_IP, SERVICE_DNS_NAMES, type SanSet } from './names.js';
