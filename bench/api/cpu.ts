/** CPU time of a process (Linux /proc), to tell a CPU-bound server from a waiting one. */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of `pid` so far, or undefined where /proc is missing. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3, "state".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * Starts measuring the CPU of `pids`; the returned function gives, for each, the share of one
 * core it used since (1.0 = one core busy the whole time), or undefined where unmeasurable.
 */
export function cpuMeter(pids: readonly number[]): () => (number | undefined)[] {
  const before = pids.map(cpuSeconds);
  const started = performance.now();
  return () => {
    const elapsed = (performance.now() - started) / 1000;
    return pids.map((pid, i) => {
      const after = cpuSeconds(pid);
      const b = before[i];
      return after === undefined || b === undefined || elapsed <= 0 ? undefined : (after - b) / elapsed;
    });
  };
}
