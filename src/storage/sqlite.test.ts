import path from 'node:path';
import { afterAll } from 'vitest';
import { openBackend } from './index.js';
import { describeConformance } from './testing/conformance.js';
import { tempDirs } from './testing/temp-dir.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describeConformance('sqlite', (opts) =>
  openBackend(`sqlite://${path.join(dirs.make(), 'state.db')}`, { ...opts, autoCompact: false }),
);
