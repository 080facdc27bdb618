/**
 * Regenerates src/api/openapi/schemas.generated.ts from the API types.
 *
 *   node --import tsx tools/openapi/generate.ts           write the file
 *   node --import tsx tools/openapi/generate.ts --check   exit 1 when the file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUTPUT_FILE, REPO_ROOT, generateModule } from './emit.js';

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const started = Date.now();
  const { text, warnings, generated } = generateModule();
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const rel = path.relative(REPO_ROOT, OUTPUT_FILE);
  let current = '';
  try {
    current = readFileSync(OUTPUT_FILE, 'utf8');
  } catch {
    // Not generated yet.
  }
  const summary = `${Object.keys(generated.kinds).length} kinds, ${Object.keys(generated.schemas).length} schemas, ${Date.now() - started} ms`;
  if (check) {
    if (current === text) {
      process.stdout.write(`${rel} is up to date (${summary})\n`);
      return 0;
    }
    process.stderr.write(`${rel} is stale: run node --import tsx tools/openapi/generate.ts\n`);
    return 1;
  }
  if (current !== text) writeFileSync(OUTPUT_FILE, text);
  process.stdout.write(`${current === text ? 'unchanged' : 'wrote'} ${rel} (${summary})\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
