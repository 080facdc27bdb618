/** Temporary directories for store files, removed after the tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDirs {
  /** A new empty directory. */
  make(): string;
  /** Removes every directory made so far. */
  cleanup(): void;
}

export function tempDirs(label = 'gantry-store-'): TempDirs {
  const made: string[] = [];
  return {
    make: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), label));
      made.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
