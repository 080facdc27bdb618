/** Renders the generated schemas as the TypeScript module src/api/openapi/schemas.generated.ts. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scheme } from '../../src/api/scheme.js';
import { listKindOf } from '../../src/api/scheme.js';
import type { GeneratedOpenApi } from '../../src/api/openapi/types.js';
import { buildOpenApi, type BuildResult, type KindRef } from './build.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const API_ROOT = path.join(REPO_ROOT, 'src', 'api');
export const OUTPUT_FILE = path.join(API_ROOT, 'openapi', 'schemas.generated.ts');

const HEADER = `/**
 * OpenAPI v3 component schemas for every built-in kind, generated from the types in src/api.
 * Do not edit: run \`node --import tsx tools/openapi/generate.ts\` after changing an API type.
 */
import type { GeneratedOpenApi } from './types.js';
`;

/** One line per kind and per schema: readable diffs without a megabyte of indentation. */
export function renderModule(generated: GeneratedOpenApi): string {
  const lines = [HEADER, 'export const GENERATED_OPENAPI: GeneratedOpenApi = {', '  kinds: {'];
  for (const [k, v] of Object.entries(generated.kinds)) lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('  },', '  schemas: {');
  for (const [k, v] of Object.entries(generated.schemas)) lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('  },', '};', '');
  return lines.join('\n');
}

/** Every kind the scheme registers. */
export function schemeKinds(): KindRef[] {
  return scheme.kinds.map((k) => ({ group: k.group, version: k.version, kind: k.kind, listKind: listKindOf(k) }));
}

/** Builds from the current sources: the module text plus the generator's warnings. */
export function generateModule(): BuildResult & { text: string } {
  const result = buildOpenApi(API_ROOT, { kinds: schemeKinds() });
  return { ...result, text: renderModule(result.generated) };
}
