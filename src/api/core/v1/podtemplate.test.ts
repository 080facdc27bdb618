import { describe, expect, it } from 'vitest';
import { type PodTemplate, podTemplate } from './podtemplate.js';
import { created, problems, row } from './test-support.js';

describe('PodTemplate', () => {
  const pt = (): PodTemplate => ({
    metadata: { name: 'tpl', namespace: 'default' },
    template: { metadata: { labels: { app: 'x', tier: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } },
  });

  it('defaults the template spec and validates it', () => {
    const t = created(podTemplate, pt());
    expect(t.template!.spec!.dnsPolicy).toBe('ClusterFirst');
    expect(problems(podTemplate, t)).toEqual([]);
    expect(problems(podTemplate, { metadata: { name: 'x', namespace: 'd' }, template: { spec: { containers: [] } } })).toEqual([
      'template.spec.containers: Required value',
    ]);
  });

  it('prints Name, Containers, Images, Pod Labels', () => {
    expect(row(podTemplate, created(podTemplate, pt()))).toEqual({ Name: 'tpl', Containers: 'a,b', Images: 'nginx,redis', 'Pod Labels': 'app=x,tier=web' });
  });
});
