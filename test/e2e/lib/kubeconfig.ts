/** Kubeconfigs with other credentials than the admin certificate that `gantry server` writes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readKubeconfig, type Gantry } from '../../support/index.js';

/**
 * Writes `<dir>/<name>.yaml`: the server and CA of `g`'s kubeconfig, with `token` as the
 * only credential (a bearer token). Returns its path.
 */
export function writeTokenKubeconfig(g: Gantry, token: string, opts: { dir: string; name: string }): string {
  const creds = readKubeconfig(g.kubeconfig);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'gantry', cluster: { server: creds.server, 'certificate-authority-data': Buffer.from(creds.ca).toString('base64') } }],
    users: [{ name: 'bearer', user: { token } }],
    contexts: [{ name: 'bearer', context: { cluster: 'gantry', user: 'bearer' } }],
    'current-context': 'bearer',
  };
  const path = join(opts.dir, `${opts.name}.yaml`);
  writeFileSync(path, stringify(doc), { mode: 0o600 });
  return path;
}

/** The admin's bearer token from DATA_DIR/tokens.csv (`token,user,uid[,groups]` lines). */
export function adminToken(g: Gantry): string {
  const line = readFileSync(join(g.dataDir, 'tokens.csv'), 'utf8')
    .split('\n')
    .find((l) => l.split(',')[1] === 'system:admin');
  if (!line) throw new Error(`no system:admin line in ${join(g.dataDir, 'tokens.csv')}`);
  return line.split(',')[0]!;
}
