import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentCommand, readNodeTemplate } from './agent-command.js';

const dir = mkdtempSync(join(tmpdir(), 'gantry-agent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('gantry agent flags', () => {
  it('needs a kubeconfig and a node count', async () => {
    await expect(agentCommand(['--simulated-nodes', '3'])).rejects.toThrow('--kubeconfig is required');
    await expect(agentCommand(['--kubeconfig', 'x'])).rejects.toThrow('pass --simulated-nodes N');
    await expect(agentCommand(['--kubeconfig', 'x', '--simulated-nodes', '-1'])).rejects.toThrow('must be 0 or more');
    await expect(agentCommand(['--kubeconfig', 'x', '--simulated-nodes', 'many'])).rejects.toThrow('must be an integer');
    await expect(agentCommand(['--kubeconfig', join(dir, 'missing.yaml'), '--simulated-nodes', '1'])).rejects.toThrow(/kubeconfig .*missing\.yaml/);
  });

  it('reads YAML and JSON node templates and rejects others clearly', () => {
    const yaml = file('t.yaml', 'apiVersion: v1\nkind: Node\nmetadata:\n  labels:\n    zone: a\nstatus:\n  capacity:\n    cpu: "16"\n');
    expect(readNodeTemplate(yaml)).toMatchObject({ metadata: { labels: { zone: 'a' } }, status: { capacity: { cpu: '16' } } });
    const json = file('t.json', JSON.stringify({ kind: 'Node', spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } }));
    expect(readNodeTemplate(json).spec?.taints).toHaveLength(1);
    expect(() => readNodeTemplate(file('pod.yaml', 'kind: Pod\n'))).toThrow('pod.yaml: kind is "Pod", expected Node');
    expect(() => readNodeTemplate(file('bad.yaml', 'a: [\n'))).toThrow('is not valid YAML or JSON');
    expect(() => readNodeTemplate(join(dir, 'none.yaml'))).toThrow('--simulated-node-template: cannot read');
    expect(() => readNodeTemplate(file('num.yaml', 'status:\n  capacity:\n    cpu: 16\n'))).toThrow('status.capacity must be a map of strings');
  });
});
