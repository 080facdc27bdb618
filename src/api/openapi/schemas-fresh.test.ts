import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILE, generateModule } from '../../../tools/openapi/emit.js';

describe('schemas.generated.ts', () => {
  it('matches what tools/openapi/generate.ts makes from the current types', () => {
    const { text, warnings } = generateModule();
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    // On failure: node --import tsx tools/openapi/generate.ts
    expect(committed === text, 'src/api/openapi/schemas.generated.ts is stale: run node --import tsx tools/openapi/generate.ts').toBe(true);
    expect(warnings.filter((w) => w.startsWith('no exported type'))).toEqual([]);
  }, 60_000);
});
