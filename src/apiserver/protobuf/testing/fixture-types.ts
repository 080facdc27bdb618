/** The shape of one saved kubectl capture (see ../kubectl-fixtures.ts). */
export interface KubectlFixture {
  name: string;
  /** The kubectl arguments that produced it (see cases.ts). */
  args: string[];
  method: string;
  /** The request path and query kubectl sent the body to. */
  path: string;
  /** The kind the path names. */
  gvk: { group: string; version: string; kind: string };
  /** The request body, base64. */
  body: string;
  /** `kubectl ... --dry-run=client -o json` for the same arguments, when the command has it. */
  dryRun?: Record<string, unknown>;
}
