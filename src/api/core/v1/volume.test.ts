import { describe, expect, it } from 'vitest';
import { type Volume, defaultVolume, validateVolumes } from './volume.js';
import { show } from './test-support.js';

describe('volumes', () => {
  it('defaults modes, token lifetime and downward API versions', () => {
    const v: Volume = {
      name: 'p',
      projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] },
    };
    defaultVolume(v);
    expect(v.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { downwardAPI: { items: [{ path: 'ns', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
  });

  it.each<[string, Volume[], string[]]>([
    ['missing name', [{ name: '', emptyDir: {} }], ['v[0].name: Required value']],
    ['no source', [{ name: 'a' }], ['v[0]: Required value: must specify a volume type']],
    ['secret without name', [{ name: 'a', secret: {} }], ['v[0].secret.secretName: Required value']],
    ['bad mode', [{ name: 'a', configMap: { name: 'c', defaultMode: 0o1000 } }], ['v[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive']],
    ['absolute item path', [{ name: 'a', configMap: { name: 'c', items: [{ key: 'k', path: '/etc/x' }] } }], ['v[0].configMap.items[0].path: Invalid value: "/etc/x": must be a relative path']],
    ['claim without name', [{ name: 'a', persistentVolumeClaim: { claimName: '' } }], ['v[0].persistentVolumeClaim.claimName: Required value']],
    ['short token', [{ name: 'a', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 60 } }] } }], ['v[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes']],
  ])('%s', (_n, vols, want) => {
    expect(show(validateVolumes(vols, 'v').errors)).toEqual(want);
  });

  it('returns only valid volumes for mounts to refer to', () => {
    const { valid } = validateVolumes([{ name: 'ok', emptyDir: {} }, { name: 'bad', secret: {} }], 'v');
    expect([...valid.keys()]).toEqual(['ok']);
  });
});
