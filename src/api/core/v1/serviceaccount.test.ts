import { describe, expect, it } from 'vitest';
import { serviceAccount } from './serviceaccount.js';
import { created, row } from './test-support.js';

describe('ServiceAccount', () => {
  it('prints Name, Secrets, Age and offers the token subresource', () => {
    const sa = created(serviceAccount, { metadata: { name: 'builder', namespace: 'ci' }, secrets: [{ name: 'builder-token' }] });
    expect(row(serviceAccount, sa)).toEqual({ Name: 'builder', Secrets: 1, Age: '60m' });
    expect(serviceAccount.shortNames).toEqual(['sa']);
    expect(serviceAccount.extraSubresources).toEqual([
      { name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] },
    ]);
  });
});
