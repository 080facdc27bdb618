/** `gantry agent --simulated-nodes N` against an in-process API server, stopped through its signal. */
import { describe, it, expect, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentCommand } from '../../src/cli/agent-command.js';
import { node as nodeKind, type Node } from '../../src/api/core/v1/index.js';
import { tempDir, waitFor } from '../support/index.js';
import { startCluster, type TestCluster } from './harness.js';

describe('gantry agent', () => {
  let c: TestCluster | undefined;
  const dir = tempDir('gantry-agent-cmd-');
  afterAll(async () => {
    await c?.dispose();
    dir.cleanup();
  });

  it('joins simulated nodes from a template and stops on its signal', async () => {
    c = await startCluster();
    const template = join(dir.path, 'node.yaml');
    writeFileSync(template, 'kind: Node\nmetadata:\n  labels:\n    pool: big\nspec:\n  taints:\n  - key: dedicated\n    value: batch\n    effect: NoSchedule\nstatus:\n  capacity:\n    cpu: "32"\n');
    const lines: string[] = [];
    const ac = new AbortController();
    const done = agentCommand(
      ['--kubeconfig', c.server.kubeconfig, '--server', c.config.server, '--simulated-nodes', '2', '--simulated-node-prefix', 'batch-', '--simulated-node-template', template],
      { signal: ac.signal, out: (l) => lines.push(l) },
    );
    await waitFor(() => lines.length > 0, { timeoutMs: 10_000, description: 'the ready line' });
    expect(lines[0]).toMatch(/^gantry agent ready: 2 simulated node\(s\) \(batch-0, batch-1\) joined https:\/\/127\.0\.0\.1:\d+ in \d+ ms$/);
    const n = await c.client.resource<Node>(nodeKind).get(undefined, 'batch-1');
    expect(n.metadata.labels?.pool).toBe('big');
    expect(n.spec?.taints).toEqual([{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }]);
    expect(n.status?.capacity?.cpu).toBe('32');
    ac.abort();
    await expect(done).resolves.toBe(0);
  });
});
