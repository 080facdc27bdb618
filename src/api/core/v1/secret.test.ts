import { describe, expect, it } from 'vitest';
import { type Secret, base64Error, secret } from './secret.js';
import { created, problems, row, updateProblems } from './test-support.js';

function s(extra: Partial<Secret>): Secret {
  return { metadata: { name: 's', namespace: 'default' }, ...extra };
}

const b64 = (v: string): string => Buffer.from(v).toString('base64');

describe('Secret', () => {
  it('defaults the type and folds stringData into data', () => {
    const x = created(secret, s({ stringData: { password: 'hunter2' }, data: { user: b64('bob') } }));
    expect(x.type).toBe('Opaque');
    expect(x.data).toEqual({ user: b64('bob'), password: b64('hunter2') });
    expect(x.stringData).toBeUndefined();
  });

  it.each<[string, Secret, string[]]>([
    ['bad base64', s({ data: { a: 'not base64!' } }), ['data[a]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3']],
    ['tls without keys', s({ type: 'kubernetes.io/tls', data: {} }), ['data[tls.crt]: Required value', 'data[tls.key]: Required value']],
    ['dockerconfigjson missing', s({ type: 'kubernetes.io/dockerconfigjson' }), ['data[.dockerconfigjson]: Required value']],
    [
      'dockerconfigjson not json',
      s({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{nope') } }),
      [expect.stringMatching(/^data\[\.dockerconfigjson\]: Invalid value: "<secret contents redacted>": /) as unknown as string],
    ],
    [
      'service account token without annotation',
      s({ type: 'kubernetes.io/service-account-token' }),
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    ['basic auth without fields', s({ type: 'kubernetes.io/basic-auth', data: {} }), ['data[username]: Required value', 'data[password]: Required value']],
    ['ssh auth without key', s({ type: 'kubernetes.io/ssh-auth', data: {} }), ['data[ssh-privatekey]: Required value']],
    ['valid tls', s({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } }), []],
  ])('%s', (_n, obj, want) => {
    expect(problems(secret, obj)).toEqual(want);
  });

  it('reports base64 errors at Go offsets', () => {
    expect(base64Error('YWJj')).toBeUndefined();
    expect(base64Error('YWJ')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('YW=j')).toBe('illegal base64 data at input byte 2');
  });

  it('keeps type immutable and honours immutable', () => {
    const old = created(secret, s({ immutable: true, data: { a: b64('1') } }));
    expect(updateProblems(secret, s({ type: 'kubernetes.io/tls', immutable: true, data: { a: b64('2'), 'tls.crt': '', 'tls.key': '' } }), old)).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('prints Name, Type, Data, Age', () => {
    expect(row(secret, created(secret, s({ data: { a: b64('1') } })))).toEqual({ Name: 's', Type: 'Opaque', Data: 1, Age: '60m' });
    expect(secret.fieldSelectors!.type!(s({ type: 'Opaque' }))).toBe('Opaque');
  });
});
