/**
 * `kubectl explain` reading the served OpenAPI v3 documents: real descriptions for
 * deployment.spec.strategy and pod.spec.containers.image, with kubectl 1.32 and 1.27.
 */
import { describe, expect, it } from 'vitest';
import { KUBECTLS, useGantry } from './lib/kube.js';

const suite = useGantry();

/** The non-empty lines of the DESCRIPTION block, trimmed. */
function description(out: string): string[] {
  const block = /\nDESCRIPTION:\n([\s\S]*?)(?:\nFIELDS:\n|$)/.exec(out)?.[1] ?? '';
  return block.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The "name <type>" lines of the FIELDS block. */
function fields(out: string): string[] {
  const block = out.split('\nFIELDS:\n')[1] ?? '';
  return block.split('\n').filter((l) => /^ {2}\S+\t/.test(l)).map((l) => l.trim().replace(/\t/, ' '));
}

describe.each(KUBECTLS)('$name', (kb) => {
  const k = suite.kube(kb, 'explain');

  it('explains deployment.spec.strategy with its description and fields', async () => {
    const out = await k.ok(['explain', 'deployment.spec.strategy']);
    expect(out).toMatch(/^GROUP: +apps\nKIND: +Deployment\nVERSION: +v1\n\nFIELD: +strategy <DeploymentStrategy>\n/);
    const text = description(out);
    // The field's own description, then its type's: real sentences about replacing pods.
    expect(text.length).toBeGreaterThanOrEqual(2);
    expect(text.join(' ')).toMatch(/replace.* pods/i);
    expect(new Set(text).size, `a description line is printed twice:\n${out}`).toBe(text.length);
    expect(fields(out)).toEqual(['rollingUpdate <RollingUpdateDeployment>', 'type <string>']);
    expect(out).toMatch(/\n {2}type\t<string>\n(?: {2}enum: Recreate, RollingUpdate\n)? {4}\S.*RollingUpdate/);
  });

  it('explains pod.spec.containers.image with a real description', async () => {
    const out = await k.ok(['explain', 'pod.spec.containers.image']);
    expect(out).toMatch(/^KIND: +Pod\nVERSION: +v1\n\nFIELD: +image <string>\n/);
    const text = description(out);
    expect(text.length).toBeGreaterThan(0);
    expect(text.join(' ')).toMatch(/image/i);
  });

  it('explains a list of objects without repeating the element description', async () => {
    const out = await k.ok(['explain', 'pods.spec.containers.ports']);
    expect(out).toMatch(/FIELD: +ports <\[\]ContainerPort>\n/);
    const text = description(out);
    expect(new Set(text).size, `a description line is printed twice:\n${out}`).toBe(text.length);
    expect(fields(out)).toContain('containerPort <integer> -required-');
  });

  it('names a field that does not exist', async () => {
    const r = await k.run(['explain', 'deployment.spec.nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: field "nope" does not exist\n');
  });
});
