/** /version: kubectl's dispatcher picks its kubectl build from major/minor. */
export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0+gantry' };

export function versionInfo(): Record<string, string> {
  return {
    ...KUBE_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-11-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
