/**
 * Child process for the kill -9 durability test: opens the sqlite store given as argv[2] and
 * creates keys /durable/<n> with 16 writes in flight, printing "<key> <revision>" for each
 * write once it is acknowledged. It runs until killed (or after argv[3] writes, default 1e6).
 */
import { openBackend } from '../index.js';

const file = process.argv[2];
const limit = Number(process.argv[3] ?? 1_000_000);
if (!file) {
  process.stderr.write('usage: sqlite-writer-child.ts <abs path> [writes]\n');
  process.exit(2);
}
const backend = await openBackend(`sqlite://${file}`, { autoCompact: false });
process.stdout.write('ready\n');
let next = 0;
async function writer(): Promise<void> {
  while (next < limit) {
    const key = `/durable/${String(next++).padStart(7, '0')}`;
    const kv = await backend.create(key, `value of ${key}`);
    process.stdout.write(`${kv.key} ${kv.modRevision}\n`);
  }
}
await Promise.all(Array.from({ length: 16 }, writer));
await backend.close();
